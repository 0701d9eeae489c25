import DenseLinearAlgebra
import Environments
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
    /// π_old's distributions over the batch.
    public var oldDistribution: any DistributionBatch
    /// Âᵢ (standardised if the run says so).
    public var advantages: [Double]
    /// Threads for batched passes (results do not depend on it).
    public var threads: Int
    /// The rows CG's Fisher-vector products average over, evaluated at θ_old, when they are a
    /// subsample of `batch` (Schulman et al. 2015, Appendix C); nil: all of `batch`.
    public var fisherBatch: PolicyBatch?
    /// How the surrogate is estimated from the rows (single path: importance sampling).
    public var estimator: SurrogateEstimator = .importanceSampling
    /// The episodes that finished while this batch was collected, in the order they finished, each
    /// with the run's step count when it finished (the fitness of gradient-free rules such as CEM
    /// and CMA-ES; an episode may have begun in an earlier iteration).
    public var episodes: [FinishedEpisode] = []
    /// The run's environment steps (all copies) once this batch was collected: a θ set by this
    /// update acts from the next step on.
    public var timestepsAfterCollection = 0
    /// The critic to fit with π when the two share a trunk (SB3's `share_features_extractor`): a
    /// rule that fits it (PPO's joint loss) reports `PolicyUpdateMetrics.criticLoss`; otherwise the
    /// trainer fits it on the shared θ after the rule. Nil when π and V are two networks.
    public var sharedCritic: SharedCriticTarget?

    /// An input from its parts.
    public init(
        policy: Policy, batch: PolicyBatch, oldLogProbabilities: [Double], oldDistribution: any DistributionBatch,
        advantages: [Double], threads: Int, estimator: SurrogateEstimator = .importanceSampling
    ) {
        self.policy = policy
        self.batch = batch
        self.oldLogProbabilities = oldLogProbabilities
        self.oldDistribution = oldDistribution
        self.advantages = advantages
        self.threads = threads
        self.estimator = estimator
    }

    /// The batch's observations, row-major (what minibatch rules such as PPO regroup).
    public var observations: InputRows { batch.observations }
    /// Where sums over the batch's rows are combined.
    public var reduction: any SampleReduction { batch.reduction }
}

/// A finished episode and when it finished: the run's environment steps (all copies, the count of
/// `OnPolicyTrainer.totalTimesteps`) once the step that ended it was taken. The copy's next episode
/// begins with the following step, so a rule can tell which θ acted for a whole episode.
public struct FinishedEpisode: Sendable, Hashable {
    /// Its return, length and copy.
    public var episode: CompletedEpisode
    /// The run's environment steps when it finished.
    public var finishTimestep: Int

    /// An episode that finished when the run had taken `finishTimestep` steps.
    public init(_ episode: CompletedEpisode, finishTimestep: Int) {
        self.episode = episode
        self.finishTimestep = finishTimestep
    }
}

/// An update rule: from θ_old and a batch to θ_new. The on-policy loop owns everything else.
///
/// Rules own whatever they carry between iterations (an optimiser's moments) and expose it as
/// `state`, which checkpoints save and `restore(_:)` puts back, so a resumed run continues exactly.
/// Any conforming value can be handed to `OnPolicyTrainer`.
public protocol PolicyUpdateRule {
    /// Updates θ in place and reports what happened; `stream` draws minibatch orders.
    mutating func update(_ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream)
        -> PolicyUpdateMetrics
    /// What the rule carries between iterations.
    var state: UpdateRuleState { get }
    /// Continues from a saved state; throws if it does not fit the rule.
    mutating func restore(_ state: UpdateRuleState) throws
    /// The θ that stands for the rule's result while θ = `parameters` acts: what policy files,
    /// evaluations and `Agent.predict` use (a search reports its distribution's mean, not the
    /// candidate it is trying).
    func resultParameters(acting parameters: [Float]) -> [Float]
    /// `stream` as `update` will leave it if it takes every planned step, known before it runs, or
    /// nil if the rule does not say. The trainer fits the critic (which draws after the rule) from
    /// this stream beside the update and checks the guess afterwards (`OnPolicyTrainer+Overlap.swift`).
    func predictedStream(after stream: RandomStream, for input: PolicyUpdateInput) -> RandomStream?
}

extension PolicyUpdateRule {
    /// Stateless rules carry nothing.
    public var state: UpdateRuleState { UpdateRuleState() }

    /// Most rules' result is the θ they act with.
    public func resultParameters(acting parameters: [Float]) -> [Float] { parameters }

    /// Rules say nothing by default; the trainer then guesses that they draw nothing.
    public func predictedStream(after stream: RandomStream, for input: PolicyUpdateInput) -> RandomStream? { nil }

    /// Stateless rules accept only an empty state.
    public mutating func restore(_ state: UpdateRuleState) throws {
        guard state.isEmpty else {
            throw ConfigurationError.unsupported("checkpoint holds update-rule state this rule does not have")
        }
    }
}

/// A rule's state between iterations as named tensors, so checkpoints store any rule's state.
public struct UpdateRuleState: Sendable, Hashable {
    /// Float tensors (moments, step sizes).
    public var floats: [String: [Float]] = [:]
    /// Integer tensors (step counts).
    public var integers: [String: [Int64]] = [:]

    public init(floats: [String: [Float]] = [:], integers: [String: [Int64]] = [:]) {
        self.floats = floats
        self.integers = integers
    }

    /// Whether the rule carries nothing.
    public var isEmpty: Bool { floats.isEmpty && integers.isEmpty }

    /// The state of a rule whose only state is one (possibly not yet created) Adam, under "adam".
    public init(optimizer: Adam?) {
        optimizer?.encode(into: &self, name: "adam")
    }

    /// The Adam of `init(optimizer:)`, or nil if none was saved.
    public func optimizer() throws -> Adam? { try Adam(decoding: self, name: "adam") }
}

extension Adam {
    /// Writes the moments, hyperparameters and step count under `name`.
    public func encode(into state: inout UpdateRuleState, name: String) {
        state.floats["\(name)/first_moment"] = firstMoment
        state.floats["\(name)/second_moment"] = secondMoment
        state.floats["\(name)/hyperparameters"] = [learningRate, beta1, beta2, epsilon]
        state.integers["\(name)/step"] = [Int64(step)]
    }

    /// The optimiser saved under `name`, or nil if the state holds none.
    public init?(decoding state: UpdateRuleState, name: String) throws {
        guard let first = state.floats["\(name)/first_moment"] else { return nil }
        guard let second = state.floats["\(name)/second_moment"], let hyper = state.floats["\(name)/hyperparameters"],
            let step = state.integers["\(name)/step"], second.count == first.count, hyper.count == 4,
            step.count == 1, step[0] >= 0
        else { throw ConfigurationError.unsupported("checkpoint: \(name) is inconsistent") }
        self.init(parameterCount: first.count, learningRate: hyper[0], beta1: hyper[1], beta2: hyper[2], epsilon: hyper[3])
        firstMoment = first
        secondMoment = second
        self.step = Int(step[0])
    }
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
        let count = Double(max(batch.reduction.total(logProbabilities.count), 1))
        var terms = [Double](repeating: 0, count: logProbabilities.count)
        var weights = [Double](repeating: 0, count: logProbabilities.count)
        for row in logProbabilities.indices {
            let ratio = Double.exp(logProbabilities[row] - oldLogProbabilities[row])
            terms[row] = ratio * advantages[row]
            weights[row] = ratio * advantages[row] / count
        }
        return (batch.reduction.sum(terms) / count, weights)
    }
}
