import DenseLinearAlgebra
import NeuralNetworks
import Policies
import RealModule
import Rollouts

/// What an update rule receives: one batch of on-policy data, with advantages already computed.
public struct PolicyUpdateInput {
    /// The policy's architecture.
    public var policy: Policy
    /// The batch's states and actions, evaluated at θ_old.
    public var batch: PolicyBatch
    /// log q(aᵢ|sᵢ) = log π_old(aᵢ|sᵢ) recorded when acting.
    public var oldLogProbabilities: [Double]
    /// π_old's distribution parameters over the batch.
    public var oldDistribution: DistributionParameters
    /// Âᵢ (standardised if the configuration says so).
    public var advantages: [Double]
    /// The run's settings.
    public var configuration: TrainingConfiguration
    /// Threads for batched passes (results do not depend on it).
    public var threads: Int
    /// How the surrogate is estimated from the rows (single path: importance sampling).
    public var estimator: SurrogateEstimator = .importanceSampling

    /// The batch's observations, row-major (what minibatch rules such as PPO regroup).
    public var observations: [Float] { batch.observations }
}

/// The metrics an update reports (the `train/` columns of progress.csv).
public struct PolicyUpdateMetrics: Sendable, Hashable {
    /// Mean KL(π_old‖π_new) over the batch after the update.
    public var klDivergence: Double = 0
    /// L(θ_new) − L(θ_old) of the surrogate.
    public var surrogateImprovement: Double = 0
    /// gᵀΔθ: the improvement the linear model predicts for the accepted (or last tried) step.
    public var expectedImprovement: Double = 0
    /// Line-search tries (1 = the full step was accepted).
    public var lineSearchSteps: Int = 0
    /// Whether a step was accepted (false: θ_old was kept).
    public var lineSearchSucceeded: Bool = true
    /// Conjugate-gradient iterations.
    public var conjugateGradientIterations: Int = 0
    /// ‖g‖₂ of the surrogate's gradient.
    public var gradientNorm: Double = 0
    /// ‖Δθ‖₂ of the step taken.
    public var stepNorm: Double = 0
    /// PPO: fraction of samples whose ratio was clipped; other rules 0.
    public var clipFraction: Double = 0
    /// PPO: mean over minibatches of (1/n) Σ (rᵢ − 1) − log rᵢ before each step (SB3's approx_kl);
    /// other rules 0.
    public var approximateKL: Double = 0
    /// Adam steps taken on θ (VPG and PPO; 0 for TRPO and NPG).
    public var optimizerSteps: Int = 0
    /// Why no step was taken, if none was.
    public var skipReason: String?

    public init() {}
}

/// An update rule: from θ_old and a batch to θ_new. The on-policy loop owns everything else.
public protocol PolicyUpdateRule {
    /// Updates θ in place and reports what happened.
    ///
    /// `optimizer` is the policy's Adam state, owned by the trainer and saved in checkpoints: the
    /// first-order rules (VPG, PPO) step with it, TRPO and NPG leave it untouched. `stream` draws
    /// minibatch orders.
    mutating func update(
        _ input: PolicyUpdateInput, parameters: inout [Float], optimizer: inout Adam, stream: inout RandomStream
    ) -> PolicyUpdateMetrics
}

// MARK: - The surrogate

/// The importance-sampled surrogate L(θ) = (1/N) Σᵢ π_θ(aᵢ|sᵢ)/q(aᵢ|sᵢ) · Âᵢ (Schulman et al. 2015,
/// eq. 14) and its per-row weights ∂L/∂log π_θ(aᵢ|sᵢ) = rᵢÂᵢ/N, at the batch's evaluated θ.
public enum Surrogate {
    /// (L, weights) at the θ the batch was last evaluated at.
    public static func evaluate(_ batch: PolicyBatch, oldLogProbabilities: [Double], advantages: [Double])
        -> (value: Double, weights: [Double])
    {
        let logProbabilities = batch.logProbabilities()
        let count = Double(max(logProbabilities.count, 1))
        var total = 0.0
        var weights = [Double](repeating: 0, count: logProbabilities.count)
        for row in logProbabilities.indices {
            let ratio = Double.exp(logProbabilities[row] - oldLogProbabilities[row])
            total += ratio * advantages[row]
            weights[row] = ratio * advantages[row] / count
        }
        return (total / count, weights)
    }
}
