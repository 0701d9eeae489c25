import DenseLinearAlgebra
import RealModule

extension CovarianceMatrixAdaptation {
    public mutating func learn(candidates: [[Float]], fitness: [Double]) {
        precondition(candidates.count == fitness.count && candidates.count >= weights.count, "one fitness per candidate")
        let n = dimension
        let order = fitness.indices.sorted { fitness[$0] > fitness[$1] || (fitness[$0] == fitness[$1] && $0 < $1) }
        // yₖ = (x_{k:λ} − m_old)/σ for the μ best, and y_w = Σ wₖ yₖ = (m_new − m_old)/σ.
        let steps = order.prefix(weights.count).map { index in
            (0..<n).map { (Double(candidates[index][$0]) - mean[$0]) / stepSize }
        }
        var weightedStep = [Double](repeating: 0, count: n)
        for (weight, step) in zip(weights, steps) { for i in 0..<n { weightedStep[i] += weight * step[i] } }
        for i in 0..<n { mean[i] += stepSize * weightedStep[i] }

        let whitened = inverseSquareRoot(weightedStep)
        let pathScale = (pathRate * (2 - pathRate) * effectiveMass).squareRoot()
        for i in 0..<n { conjugatePath[i] = (1 - pathRate) * conjugatePath[i] + pathScale * whitened[i] }
        let pathNorm = conjugatePath.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let correction = (1 - Double.pow(1 - pathRate, Double(2 * (generation + 1)))).squareRoot()
        let stalls = pathNorm / correction >= (1.4 + 2 / (Double(n) + 1)) * expectedNorm
        let covarianceScale = (covariancePathRate * (2 - covariancePathRate) * effectiveMass).squareRoot()
        for i in 0..<n {
            covariancePath[i] = (1 - covariancePathRate) * covariancePath[i] + (stalls ? 0 : covarianceScale * weightedStep[i])
        }
        // h_σ = 0 stalls p_c; the δ(h_σ) term keeps C's expected size (Hansen 2016, eq. 47).
        let lost = stalls ? rankOneRate * covariancePathRate * (2 - covariancePathRate) : 0
        let keep = 1 - rankOneRate - rankMuRate + lost
        if isSeparable {
            for i in 0..<n {
                var rankMu = 0.0
                for (weight, step) in zip(weights, steps) { rankMu += weight * step[i] * step[i] }
                covariance[i] = keep * covariance[i] + rankOneRate * covariancePath[i] * covariancePath[i] + rankMuRate * rankMu
            }
        } else {
            for i in 0..<n {
                for j in i..<n {
                    var rankMu = 0.0
                    for (weight, step) in zip(weights, steps) { rankMu += weight * step[i] * step[j] }
                    let value = keep * covariance[i * n + j] + rankOneRate * covariancePath[i] * covariancePath[j]
                        + rankMuRate * rankMu
                    covariance[i * n + j] = value
                    covariance[j * n + i] = value
                }
            }
        }
        stepSize *= Double.exp((pathRate / dampening) * (pathNorm / expectedNorm - 1))
        generation += 1
        refreshDecomposition()
    }

    /// B and D from C: every generation for the diagonal, and for the full matrix once every
    /// λ / ((c₁ + c_μ) n 10) generations (Hansen's lazy update, O(n²) per generation on average).
    mutating func refreshDecomposition() {
        let n = dimension
        if isSeparable {
            scales = covariance.map { max($0, 0).squareRoot() }
            return
        }
        let interval = Double(populationSize) / ((rankOneRate + rankMuRate) * Double(n) * 10)
        guard Double(generation - decompositionGeneration) >= interval else { return }
        decompositionGeneration = generation
        let (values, vectors) = SymmetricEigendecomposition.decompose(covariance, dimension: n)
        eigenvectors = vectors
        scales = values.map { max($0, 0).squareRoot() }
    }

    public func encode(into state: inout UpdateRuleState) {
        state.setDoubles("cma/mean", mean)
        state.setDoubles("cma/step_size", [stepSize])
        state.setDoubles("cma/conjugate_path", conjugatePath)
        state.setDoubles("cma/covariance_path", covariancePath)
        state.setDoubles("cma/covariance", covariance)
        state.setDoubles("cma/eigenvectors", eigenvectors)
        state.setDoubles("cma/scales", scales)
        state.integers["cma/generation"] = [Int64(generation)]
        state.integers["cma/decomposition_generation"] = [Int64(decompositionGeneration)]
    }

    public mutating func decode(_ state: UpdateRuleState) throws {
        let n = dimension
        mean = try state.requireDoubles("cma/mean", count: n)
        stepSize = try state.requireDoubles("cma/step_size", count: 1)[0]
        conjugatePath = try state.requireDoubles("cma/conjugate_path", count: n)
        covariancePath = try state.requireDoubles("cma/covariance_path", count: n)
        covariance = try state.requireDoubles("cma/covariance", count: isSeparable ? n : n * n)
        eigenvectors = try state.requireDoubles("cma/eigenvectors", count: isSeparable ? 0 : n * n)
        scales = try state.requireDoubles("cma/scales", count: n)
        generation = try state.requireInteger("cma/generation")
        decompositionGeneration = try state.requireInteger("cma/decomposition_generation")
    }
}
