import DenseLinearAlgebra
import RealModule

/// N(μ(s), diag σ²) with a state-independent log σ at the end of θ (SB3's and the paper's): the
/// policy of a `Box` action space. M = diag(1/σ²) on the mean; the log σ block is 2·I.
public struct DiagonalGaussianDistribution: PolicyDistribution, Hashable {
    /// The name in files.
    public static let kind = "diagonal_gaussian"
    /// The action dimension.
    public let dimension: Int

    public init(dimension: Int) {
        precondition(dimension > 0, "a Gaussian needs a dimension")
        self.dimension = dimension
    }

    public var outputWidth: Int { dimension }
    public var actionWidth: Int { dimension }
    public var extraParameterCount: Int { dimension }
    /// SB3's name of log σ.
    public var extraParameterName: String { "log_std" }
    public var descriptor: DistributionDescriptor { DistributionDescriptor(kind: Self.kind, sizes: [dimension]) }

    public func batch(outputs: [Float], extraParameters: [Float], rows: Int) -> any DistributionBatch {
        DiagonalGaussianBatch(means: outputs, logStd: extraParameters, rows: rows)
    }

    public func act(
        outputs: [Float], extraParameters logStd: [Float], rows: Int, deterministic: Bool, stream: inout RandomStream
    ) -> (actions: [Float], logProbabilities: [Double]) {
        var actions = [Float](repeating: 0, count: rows * dimension)
        for row in 0..<rows {
            for d in 0..<dimension {
                let noise = deterministic ? 0 : Float(stream.nextNormal())
                actions[row * dimension + d] = outputs[row * dimension + d] + Float.exp(logStd[d]) * noise
            }
        }
        let logProbabilities = DiagonalGaussianBatch(means: outputs, logStd: logStd, rows: rows)
            .logProbabilities(actions: actions)
        return (actions, logProbabilities)
    }

    public func meanStandardDeviation(extraParameters logStd: [Float]) -> Double {
        logStd.reduce(0) { $0 + Double.exp(Double($1)) } / Double(max(logStd.count, 1))
    }
}

/// A batch of diagonal Gaussians sharing log σ.
final class DiagonalGaussianBatch: DistributionBatch {
    let rows: Int
    /// μ, rows × dimension.
    let outputs: [Float]
    /// log σ.
    let logStd: [Float]
    var extraParameters: [Float] { logStd }
    var dimension: Int { logStd.count }

    init(means: [Float], logStd: [Float], rows: Int) {
        self.rows = rows
        outputs = means
        self.logStd = logStd
    }

    func logProbabilities(actions: [Float]) -> [Double] {
        let dimension = dimension
        return actions.withUnsafeBufferPointer { a in
            outputs.withUnsafeBufferPointer { m in
                guard let ab = a.baseAddress, let mb = m.baseAddress else { return [] }
                return (0..<rows).map { row in
                    DiagonalGaussian.logProbability(
                        action: ab + row * dimension, mean: mb + row * dimension, logStd: logStd, dimension: dimension)
                }
            }
        }
    }

    /// State-independent: H of one state, in closed form.
    func meanEntropy(reduction: any SampleReduction) -> Double {
        DiagonalGaussian.entropy(logStd: logStd, dimension: dimension)
    }

    func divergences(from old: any DistributionBatch) -> [Double] {
        guard let old = old as? DiagonalGaussianBatch, old.dimension == dimension, old.rows == rows else {
            preconditionFailure("KL between different distributions")
        }
        let dimension = dimension
        return old.outputs.withUnsafeBufferPointer { oldMeans in
            outputs.withUnsafeBufferPointer { newMeans in
                guard let ob = oldMeans.baseAddress, let nb = newMeans.baseAddress else { return [] }
                return (0..<rows).map { row in
                    DiagonalGaussian.divergence(
                        oldMean: ob + row * dimension, oldLogStd: old.logStd,
                        newMean: nb + row * dimension, newLogStd: logStd, dimension: dimension)
                }
            }
        }
    }

    /// ∂ log N / ∂μ = (a − μ)/σ²; the entropy does not depend on μ.
    func writeLogProbabilityCotangent(
        rows range: Range<Int>, actions: [Float], weights: [Double], entropyWeight: Double,
        into destination: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = dimension
        for (local, row) in range.enumerated() {
            for d in 0..<dimension {
                let inverseVariance = Double.exp(-2 * Double(logStd[d]))
                destination[local * dimension + d] = Float(
                    weights[row] * (Double(actions[row * dimension + d]) - Double(outputs[row * dimension + d]))
                        * inverseVariance)
            }
        }
    }

    /// ∂ log N / ∂ log σ = (a − μ)²/σ² − 1 summed with the weights; ∂H/∂ log σ = 1.
    func extraParameterGradient(
        actions: [Float], weights: [Double], entropyWeight: Double, reduction: any SampleReduction
    ) -> [Float] {
        let dimension = dimension
        return (0..<dimension).map { d in
            let inverseVariance = Double.exp(-2 * Double(logStd[d]))
            let terms = (0..<rows).map { row in
                let deviation = Double(actions[row * dimension + d]) - Double(outputs[row * dimension + d])
                return weights[row] * (deviation * deviation * inverseVariance - 1)
            }
            return Float(reduction.sum(terms) + entropyWeight)
        }
    }

    func writeFisherProduct(
        rows range: Range<Int>, tangent: UnsafeBufferPointer<Float>, scale: Double,
        into destination: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = dimension
        let inverseVariances = logStd.map { Double.exp(-2 * Double($0)) }
        for local in 0..<range.count {
            for d in 0..<dimension {
                destination[local * dimension + d] =
                    Float(scale * inverseVariances[d] * Double(tangent[local * dimension + d]))
            }
        }
    }

    func extraFisherProduct(_ tangent: ArraySlice<Float>) -> [Float] { tangent.map { 2 * $0 } }
}
