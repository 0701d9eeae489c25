import DenseLinearAlgebra
import RealModule

/// Independent Bernoullis from logits z, p = σ(z): the policy of a `MultiBinary(n)` space (SB3's
/// `BernoulliDistribution`). In logit coordinates ∇ log p(a) = a − p, ∇H = −z·p(1 − p), and the
/// Fisher metric is M = diag(p(1 − p)).
public struct BernoulliDistribution: PolicyDistribution, Hashable {
    /// The name in files.
    public static let kind = "bernoulli"
    /// The number of binary components.
    public let count: Int

    public init(count: Int) {
        precondition(count > 0, "a Bernoulli product needs a component")
        self.count = count
    }

    public var outputWidth: Int { count }
    public var actionWidth: Int { count }
    public var extraParameterCount: Int { 0 }
    public var descriptor: DistributionDescriptor { DistributionDescriptor(kind: Self.kind, sizes: [count]) }

    public func batch(outputs: [Float], extraParameters: [Float], rows: Int) -> any DistributionBatch {
        BernoulliBatch(logits: outputs, width: count, rows: rows)
    }

    /// One uniform per component (1 when u < p), rows in order; the mode is 1 where p > ½.
    public func act(
        outputs: [Float], extraParameters: [Float], rows: Int, deterministic: Bool, stream: inout RandomStream
    ) -> (actions: [Float], logProbabilities: [Double]) {
        var actions = [Float](repeating: 0, count: rows * count)
        for index in actions.indices {
            let logit = Double(outputs[index])
            let one = deterministic ? logit > 0 : stream.nextUniform() < Bernoulli.probability(logit: logit)
            actions[index] = one ? 1 : 0
        }
        return (actions, BernoulliBatch(logits: outputs, width: count, rows: rows).logProbabilities(actions: actions))
    }
}

/// Scalar operations of a Bernoulli in its logit z, computed without overflow.
enum Bernoulli {
    /// σ(z).
    static func probability(logit z: Double) -> Double {
        z >= 0 ? 1 / (1 + Double.exp(-z)) : Double.exp(z) / (1 + Double.exp(z))
    }

    /// log σ(z) = −softplus(−z).
    static func logProbability(logit z: Double) -> Double {
        -(max(-z, 0) + Double.log(onePlus: Double.exp(-abs(z))))
    }
}

/// A batch of independent Bernoulli products.
final class BernoulliBatch: DistributionBatch {
    let rows: Int
    /// Logits, rows × width.
    let outputs: [Float]
    let width: Int
    var extraParameters: [Float] { [] }

    init(logits: [Float], width: Int, rows: Int) {
        self.rows = rows
        outputs = logits
        self.width = width
    }

    func logProbabilities(actions: [Float]) -> [Double] {
        (0..<rows).map { row in
            var sum = 0.0
            for index in (row * width)..<((row + 1) * width) {
                let z = Double(outputs[index])
                // log p(1) = log σ(z), log p(0) = log σ(−z).
                sum += Bernoulli.logProbability(logit: actions[index] > 0.5 ? z : -z)
            }
            return sum
        }
    }

    func meanEntropy(reduction: any SampleReduction) -> Double {
        let entropies = (0..<rows).map { row in
            var sum = 0.0
            for index in (row * width)..<((row + 1) * width) {
                let z = Double(outputs[index])
                let p = Bernoulli.probability(logit: z)
                sum -= p * Bernoulli.logProbability(logit: z) + (1 - p) * Bernoulli.logProbability(logit: -z)
            }
            return sum
        }
        return reduction.mean(entropies)
    }

    func divergences(from old: any DistributionBatch) -> [Double] {
        guard let old = old as? BernoulliBatch, old.width == width, old.rows == rows else {
            preconditionFailure("KL between different distributions")
        }
        return (0..<rows).map { row in
            var sum = 0.0
            for index in (row * width)..<((row + 1) * width) {
                let (zOld, zNew) = (Double(old.outputs[index]), Double(outputs[index]))
                let p = Bernoulli.probability(logit: zOld)
                sum += p * (Bernoulli.logProbability(logit: zOld) - Bernoulli.logProbability(logit: zNew))
                sum += (1 - p) * (Bernoulli.logProbability(logit: -zOld) - Bernoulli.logProbability(logit: -zNew))
            }
            return max(sum, 0)
        }
    }

    func writeLogProbabilityCotangent(
        rows range: Range<Int>, actions: [Float], weights: [Double], entropyWeight: Double,
        into destination: UnsafeMutableBufferPointer<Float>
    ) {
        let entropyPerRow = entropyWeight / Double(max(rows, 1))
        for (local, row) in range.enumerated() {
            for column in 0..<width {
                let index = row * width + column
                let z = Double(outputs[index])
                let p = Bernoulli.probability(logit: z)
                let action = actions[index] > 0.5 ? 1.0 : 0.0
                destination[local * width + column] =
                    Float(weights[row] * (action - p) - entropyPerRow * z * p * (1 - p))
            }
        }
    }

    func writeFisherProduct(
        rows range: Range<Int>, tangent: UnsafeBufferPointer<Float>, scale: Double,
        into destination: UnsafeMutableBufferPointer<Float>
    ) {
        for (local, row) in range.enumerated() {
            for column in 0..<width {
                let p = Bernoulli.probability(logit: Double(outputs[row * width + column]))
                destination[local * width + column] =
                    Float(scale * p * (1 - p) * Double(tangent[local * width + column]))
            }
        }
    }
}
