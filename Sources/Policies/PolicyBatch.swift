import DenseLinearAlgebra
import NeuralNetworks

/// A batch of (state, action) pairs and the policy evaluated on it at some θ.
///
/// `evaluate(at:)` runs the network once; the log-probabilities, entropy, KL, gradients and
/// Fisher-vector products then reuse its activations (the CG loop costs no forward passes).
/// Sums over the batch's rows go through `reduction`.
public final class PolicyBatch {
    /// The policy.
    public let policy: Policy
    /// The number of states.
    public private(set) var rows: Int
    /// The actions taken, rows × actionWidth.
    public private(set) var actions: [Float]
    /// Where sums over rows are combined.
    public let reduction: any SampleReduction
    let blocks: any BatchEvaluator
    /// θ of the last `evaluate(at:)`.
    public private(set) var parameters: [Float] = []
    /// The distributions π_θ(·|sᵢ) at the evaluated θ.
    public private(set) var distributions: any DistributionBatch

    /// A batch of `rows` states (row-major observations as `Float`s) and the actions taken in them.
    public convenience init(
        policy: Policy, observations: [Float], actions: [Float], rows: Int, blockSize: Int = 256, threads: Int = 1,
        reduction: any SampleReduction = LocalReduction()
    ) {
        self.init(
            policy: policy, observations: InputRows(floats: observations), actions: actions, rows: rows,
            blockSize: blockSize, threads: threads, reduction: reduction)
    }

    /// A batch of `rows` states (row-major observations, as `Float`s or bytes) and the actions taken in them.
    public init(
        policy: Policy, observations: InputRows, actions: [Float], rows: Int, blockSize: Int = 256, threads: Int = 1,
        reduction: any SampleReduction = LocalReduction()
    ) {
        precondition(actions.count == rows * policy.distribution.actionWidth, "actions are not rows × actionWidth")
        self.policy = policy
        self.rows = rows
        self.actions = actions
        self.reduction = reduction
        blocks = policy.network.makeBlockedEvaluator(
            inputs: observations, rows: rows, blockSize: blockSize, threads: threads)
        distributions = policy.distribution.batch(outputs: [], extraParameters: [], rows: 0)
    }

    /// Replaces the states and actions, reusing the network's workspaces (PPO's minibatches); the
    /// batch must be evaluated again before it is queried.
    public func load(observations: InputRows, actions newActions: [Float], rows newRows: Int) {
        precondition(newActions.count == newRows * policy.distribution.actionWidth, "actions are not rows × actionWidth")
        rows = newRows
        actions = newActions
        blocks.load(inputs: observations, rows: newRows)
    }

    /// As `load(observations:actions:rows:)` with observations stored as `Float`s.
    public func load(observations: [Float], actions newActions: [Float], rows newRows: Int) {
        load(observations: InputRows(floats: observations), actions: newActions, rows: newRows)
    }

    /// The batch's observations, row-major rows × observationWidth, as `Float`s or bytes.
    public var observations: InputRows { blocks.inputs }

    /// Threads used for the batched passes (results do not depend on it).
    public var threads: Int {
        get { blocks.threads }
        set { blocks.threads = newValue }
    }

    /// Runs the network at θ and caches what the other queries need.
    ///
    /// The network runs on this participant's blocks (`reduction.ownedBlocks`, every block in one
    /// process) and the outputs of the others are gathered, so each row's distribution is the same
    /// bits everywhere; the gradient and Fisher-vector products then reuse this participant's
    /// blocks' activations.
    public func evaluate(at parameters: [Float]) {
        precondition(parameters.count == policy.parameterCount, "θ has the wrong size")
        self.parameters = parameters
        let share = ownedBlocks
        blocks.forward(parameters: parameters, share: share)
        distributions = policy.distribution.batch(
            outputs: blocks.gatheredOutputs(share: share, reduction: reduction),
            extraParameters: policy.extraParameters(of: parameters), rows: rows)
    }

    /// The blocks this participant evaluates and differentiates.
    var ownedBlocks: Range<Int> { reduction.ownedBlocks(of: blocks.blockCount) }

    /// Network outputs (logits or μ) at the evaluated θ.
    public var outputs: [Float] { distributions.outputs }

    /// The distribution's extra parameters (log σ) at the evaluated θ.
    public var extraParameters: [Float] { distributions.extraParameters }

    /// log π_θ(a_i|s_i) for every row.
    public func logProbabilities() -> [Double] { distributions.logProbabilities(actions: actions) }

    /// The mean entropy over the batch's states, (1/N) Σ_i H[π_θ(·|s_i)].
    public func meanEntropy() -> Double { distributions.meanEntropy(reduction: reduction) }

    /// The mean KL(π_old‖π_θ) over the batch's states (D̄_KL of Schulman et al. 2015, eq. 12),
    /// and the largest per-state KL (D_KL^max over the batch).
    public func divergence(from old: any DistributionBatch) -> (mean: Double, maximum: Double) {
        let divergences = distributions.divergences(from: old)
        return (reduction.mean(divergences), max(0, reduction.maximum(divergences)))
    }
}
