import DenseLinearAlgebra

extension DiagonalGaussianBatch {
    /// ∂ log N(aᵢ; μᵢ, σ) / ∂ log σ_d = (aᵢ_d − μᵢ_d)²/σ_d² − 1 for every row i and dimension d.
    func extraParameterLogProbabilityGradients(actions: [Float]) -> [Double] {
        let dimension = dimension
        let inverseVariances = logStd.map { Double.exp(-2 * Double($0)) }
        var gradients = [Double](repeating: 0, count: rows * dimension)
        for row in 0..<rows {
            for d in 0..<dimension {
                let deviation = Double(actions[row * dimension + d]) - Double(outputs[row * dimension + d])
                gradients[row * dimension + d] = deviation * deviation * inverseVariances[d] - 1
            }
        }
        return gradients
    }
}
