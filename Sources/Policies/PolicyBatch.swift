import DenseLinearAlgebra
import NeuralNetworks
import RealModule

/// The distributions π_θ(·|s) of a batch of states at one θ: what every update rule measures.
///
/// Stores the distribution parameters of θ_old for KL(π_old‖π_θ) as `DistributionParameters`.
public struct DistributionParameters: Sendable, Hashable {
    /// Logits or μ, rows × head.outputWidth.
    public var outputs: [Float]
    /// log σ (Gaussian head) or empty.
    public var logStd: [Float]

    public init(outputs: [Float], logStd: [Float]) {
        self.outputs = outputs
        self.logStd = logStd
    }
}

/// A batch of (state, action) pairs and the policy evaluated on it at some θ.
///
/// `evaluate(at:)` runs the network once; the log-probabilities, entropy, KL, gradients and
/// Fisher-vector products then reuse its activations (the CG loop costs no forward passes).
public final class PolicyBatch {
    /// The policy.
    public let policy: Policy
    /// The number of states.
    public let rows: Int
    /// The actions taken, rows × head.actionWidth.
    public let actions: [Float]
    let blocks: BlockedNetwork
    /// θ of the last `evaluate(at:)`.
    public private(set) var parameters: [Float] = []
    /// Categorical: log p per row and action (rows × actionCount), cached at `evaluate`.
    var logProbabilityTable: [Double] = []
    /// Network outputs (logits or μ) at the evaluated θ.
    public private(set) var outputs: [Float] = []

    /// A batch of `rows` states (row-major observations) and the actions taken in them.
    public init(policy: Policy, observations: [Float], actions: [Float], rows: Int, blockSize: Int = 256, threads: Int = 1) {
        precondition(actions.count == rows * policy.head.actionWidth, "actions are not rows × actionWidth")
        self.policy = policy
        self.rows = rows
        self.actions = actions
        blocks = BlockedNetwork(
            network: policy.network, inputs: observations, rows: rows, blockSize: blockSize, threads: threads)
    }

    /// The batch's observations, row-major rows × observationWidth.
    public var observations: [Float] { blocks.inputs }

    /// Threads used for the batched passes (results do not depend on it).
    public var threads: Int {
        get { blocks.threads }
        set { blocks.threads = newValue }
    }

    /// Runs the network at θ and caches what the other queries need.
    public func evaluate(at parameters: [Float]) {
        precondition(parameters.count == policy.parameterCount, "θ has the wrong size")
        self.parameters = parameters
        blocks.forward(parameters: parameters)
        outputs = blocks.allOutputs()
        if case .categorical(let count) = policy.head {
            logProbabilityTable = [Double](repeating: 0, count: rows * count)
            outputs.withUnsafeBufferPointer { z in
                logProbabilityTable.withUnsafeMutableBufferPointer { table in
                    guard let zb = z.baseAddress, let tb = table.baseAddress else { return }
                    for row in 0..<rows {
                        Categorical.logProbabilities(logits: zb + row * count, count: count, into: tb + row * count)
                    }
                }
            }
        }
    }

    /// log σ at the evaluated θ (empty for a categorical head).
    public var logStd: [Float] {
        Array(parameters[policy.logStdOffset..<policy.parameterCount])
    }

    /// The distributions at the evaluated θ, to serve as π_old later.
    public var distributionParameters: DistributionParameters {
        DistributionParameters(outputs: outputs, logStd: logStd)
    }

    /// log π_θ(a_i|s_i) for every row.
    public func logProbabilities() -> [Double] {
        switch policy.head {
        case .categorical(let count):
            return (0..<rows).map { row in logProbabilityTable[row * count + Int(actions[row])] }
        case .diagonalGaussian(let dimension):
            let sigma = logStd
            return actions.withUnsafeBufferPointer { a in
                outputs.withUnsafeBufferPointer { m in
                    guard let ab = a.baseAddress, let mb = m.baseAddress else { return [] }
                    return (0..<rows).map { row in
                        DiagonalGaussian.logProbability(
                            action: ab + row * dimension, mean: mb + row * dimension, logStd: sigma,
                            dimension: dimension)
                    }
                }
            }
        }
    }

    /// The mean entropy over the batch's states, (1/N) Σ_i H[π_θ(·|s_i)].
    public func meanEntropy() -> Double {
        switch policy.head {
        case .categorical(let count):
            return logProbabilityTable.withUnsafeBufferPointer { table in
                guard let tb = table.baseAddress else { return 0 }
                var sum = 0.0
                for row in 0..<rows { sum += Categorical.entropy(logProbabilities: tb + row * count, count: count) }
                return sum / Double(max(rows, 1))
            }
        case .diagonalGaussian(let dimension):
            return DiagonalGaussian.entropy(logStd: logStd, dimension: dimension)
        }
    }

    /// The mean KL(π_old‖π_θ) over the batch's states (D̄_KL of Schulman et al. 2015, eq. 12),
    /// and the largest per-state KL (D_KL^max over the batch).
    public func divergence(from old: DistributionParameters) -> (mean: Double, maximum: Double) {
        var sum = 0.0, largest = 0.0
        switch policy.head {
        case .categorical(let count):
            var oldLogP = [Double](repeating: 0, count: count)
            old.outputs.withUnsafeBufferPointer { z in
                logProbabilityTable.withUnsafeBufferPointer { table in
                    guard let zb = z.baseAddress, let tb = table.baseAddress else { return }
                    for row in 0..<rows {
                        Categorical.logProbabilities(logits: zb + row * count, count: count, into: &oldLogP)
                        let kl = Categorical.divergence(
                            oldLogProbabilities: oldLogP, newLogProbabilities: tb + row * count, count: count)
                        sum += kl
                        largest = max(largest, kl)
                    }
                }
            }
        case .diagonalGaussian(let dimension):
            let newLogStd = logStd
            old.outputs.withUnsafeBufferPointer { oldMeans in
                outputs.withUnsafeBufferPointer { newMeans in
                    guard let ob = oldMeans.baseAddress, let nb = newMeans.baseAddress else { return }
                    for row in 0..<rows {
                        let kl = DiagonalGaussian.divergence(
                            oldMean: ob + row * dimension, oldLogStd: old.logStd,
                            newMean: nb + row * dimension, newLogStd: newLogStd, dimension: dimension)
                        sum += kl
                        largest = max(largest, kl)
                    }
                }
            }
        }
        return (sum / Double(max(rows, 1)), largest)
    }
}
