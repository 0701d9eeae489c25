import DenseLinearAlgebra
import Foundation
import NeuralNetworks
import Policies
import _TestSupport

/// The distributions under test, with Double-precision references of their row quantities.
enum TestDistribution: Sendable, CustomStringConvertible {
    case categorical(Int)
    case gaussian(Int)
    case multiCategorical([Int])
    case bernoulli(Int)

    /// One of each, for parameterised tests.
    static let all: [TestDistribution] = [.categorical(4), .gaussian(3), .multiCategorical([3, 2, 4]), .bernoulli(3)]

    var distribution: any PolicyDistribution {
        switch self {
        case .categorical(let count): return CategoricalDistribution(actionCount: count)
        case .gaussian(let dimension): return DiagonalGaussianDistribution(dimension: dimension)
        case .multiCategorical(let counts): return MultiCategoricalDistribution(actionCounts: counts)
        case .bernoulli(let count): return BernoulliDistribution(count: count)
        }
    }

    var description: String { distribution.descriptor.kind }

    /// Random actions of the right kind.
    func randomActions(rows: Int, stream: inout RandomStream) -> [Float] {
        switch self {
        case .categorical(let count): return (0..<rows).map { _ in Float(stream.nextInt(below: count)) }
        case .gaussian(let dimension): return (0..<(rows * dimension)).map { _ in Float(stream.nextNormal()) }
        case .multiCategorical(let counts):
            return (0..<rows).flatMap { _ in counts.map { Float(stream.nextInt(below: $0)) } }
        case .bernoulli(let count): return (0..<(rows * count)).map { _ in Float(stream.nextInt(below: 2)) }
        }
    }

    /// log-softmax of consecutive groups of logits.
    static func logSoftmax(_ z: ArraySlice<Double>) -> [Double] {
        let largest = z.max() ?? 0
        let lse = largest + log(z.reduce(0) { $0 + exp($1 - largest) })
        return z.map { $0 - lse }
    }

    /// log p of each group (categorical components; Bernoulli as two-way groups), per row.
    func componentLogProbabilities(_ outputs: ArraySlice<Double>) -> [[Double]] {
        switch self {
        case .categorical, .gaussian: return [Self.logSoftmax(outputs)]
        case .multiCategorical(let counts):
            var offset = outputs.startIndex
            return counts.map { count in
                defer { offset += count }
                return Self.logSoftmax(outputs[offset..<(offset + count)])
            }
        case .bernoulli:
            // [log p(0), log p(1)] = log-softmax of [0, z].
            return outputs.map { Self.logSoftmax([0, $0][...]) }
        }
    }

    /// log π(a|s) of one row from its outputs (and log σ).
    func logProbability(outputs: ArraySlice<Double>, logStd: [Double], action: ArraySlice<Float>) -> Double {
        if case .gaussian = self {
            return zip(zip(outputs, logStd), action).reduce(0) { total, item in
                let ((mean, s), a) = item
                let z = (Double(a) - mean) / exp(s)
                return total - 0.5 * z * z - s - 0.5 * log(2 * Double.pi)
            }
        }
        return zip(componentLogProbabilities(outputs), action).reduce(0) { $0 + $1.0[Int($1.1)] }
    }

    /// H of one row.
    func entropy(outputs: ArraySlice<Double>, logStd: [Double]) -> Double {
        if case .gaussian = self { return logStd.reduce(0) { $0 + $1 + 0.5 + 0.5 * log(2 * Double.pi) } }
        return componentLogProbabilities(outputs).reduce(0) { total, logP in total - logP.reduce(0) { $0 + exp($1) * $1 } }
    }

    /// KL(old‖new) of one row.
    func divergence(old: ArraySlice<Double>, oldLogStd: [Double], new: ArraySlice<Double>, newLogStd: [Double]) -> Double {
        if case .gaussian = self {
            return (0..<oldLogStd.count).reduce(0) { total, d in
                let (so, sn) = (oldLogStd[d], newLogStd[d])
                let difference = old[old.startIndex + d] - new[new.startIndex + d]
                return total + sn - so + (exp(2 * so) + difference * difference) / (2 * exp(2 * sn)) - 0.5
            }
        }
        return zip(componentLogProbabilities(old), componentLogProbabilities(new)).reduce(0) { total, pair in
            total + zip(pair.0, pair.1).reduce(0) { $0 + exp($1.0) * ($1.0 - $1.1) }
        }
    }
}

/// A random policy problem and Double-precision references of its quantities, for finite differences.
struct PolicyProblem {
    let kind: TestDistribution
    let network: MLP
    let policy: Policy
    let rows: Int
    let observations: [Float]
    let actions: [Float]
    let theta: [Float]

    init(_ kind: TestDistribution, observationWidth: Int = 3, hidden: [Int] = [6, 5], rows: Int = 7, seed: UInt64) {
        self.kind = kind
        let distribution = kind.distribution
        network = MLP(inputWidth: observationWidth, hiddenWidths: hidden, outputWidth: distribution.outputWidth)
        policy = Policy(network: network, distribution: distribution)
        self.rows = rows
        var stream = RandomStream(seed: seed)
        theta = (0..<policy.parameterCount).map { _ in Float(stream.nextNormal() * 0.4) }
        observations = (0..<(rows * observationWidth)).map { _ in Float(stream.nextNormal()) }
        actions = kind.randomActions(rows: rows, stream: &stream)
    }

    func batch(threads: Int = 1, blockSize: Int = 256) -> PolicyBatch {
        PolicyBatch(
            policy: policy, observations: observations, actions: actions, rows: rows, blockSize: blockSize,
            threads: threads)
    }

    /// The network's outputs and log σ at t, in Double.
    func outputs(_ t: [Double]) -> (outputs: [Double], logStd: [Double]) {
        (ReferenceMLP.forward(network, t, observations.map(Double.init), rows: rows),
         Array(t[policy.extraParameterOffset...]))
    }

    func row(_ values: [Double], _ row: Int) -> ArraySlice<Double> {
        let width = policy.distribution.outputWidth
        return values[(row * width)..<((row + 1) * width)]
    }

    /// log π_t(aᵢ|sᵢ) per row, in Double.
    func logProbabilities(_ t: [Double]) -> [Double] {
        let (outputs, logStd) = outputs(t)
        let width = policy.distribution.actionWidth
        return (0..<rows).map { i in
            kind.logProbability(outputs: row(outputs, i), logStd: logStd, action: actions[(i * width)..<((i + 1) * width)])
        }
    }

    /// (1/N) Σ H, in Double.
    func meanEntropy(_ t: [Double]) -> Double {
        let (outputs, logStd) = outputs(t)
        return (0..<rows).reduce(0) { $0 + kind.entropy(outputs: row(outputs, $1), logStd: logStd) } / Double(rows)
    }

    /// Σᵢ wᵢ log π_t(aᵢ|sᵢ) + c·mean entropy, in Double.
    func weightedLogLikelihood(_ t: [Double], weights: [Double], entropyWeight: Double) -> Double {
        zip(weights, logProbabilities(t)).reduce(0) { $0 + $1.0 * $1.1 } + entropyWeight * meanEntropy(t)
    }

    /// The mean KL(π_old‖π_t) over the batch, in Double.
    func meanDivergence(old: [Double], new: [Double]) -> Double {
        let (a, sa) = outputs(old), (b, sb) = outputs(new)
        return (0..<rows).reduce(0) { total, i in
            total + kind.divergence(old: row(a, i), oldLogStd: sa, new: row(b, i), newLogStd: sb)
        } / Double(rows)
    }
}
