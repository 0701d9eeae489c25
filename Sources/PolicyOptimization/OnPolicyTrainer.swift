import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Rollouts

/// The one on-policy loop of TrustRegion: collect, estimate advantages, update the policy by the
/// update rule, fit the critic. TRPO, NPG, VPG and PPO differ only in their `PolicyUpdateRule`,
/// and any other rule can be handed in.
///
/// Every random draw comes from streams derived from the seed (environment copies from the vector
/// environment's seeding, the policy's actions from `samplingStream`, minibatch orders from
/// `updateStream`), and every sum over samples goes through `reduction` in a fixed order, so one
/// seed gives one run, bit for bit, whatever `threads` is. The state is read-only from outside:
/// `state()` and `restore(_:)` move it in and out of checkpoints.
public final class OnPolicyTrainer {
    /// The settings.
    public let configuration: TrainingConfiguration
    /// The seed of the run.
    public let seed: UInt64
    /// The environment copies (possibly behind normalisation wrappers).
    public var environment: any VectorEnvironmentProtocol { singlePath.environment }
    /// π_θ's architecture.
    public let policy: Policy
    /// V_φ's architecture.
    public let valueNetwork: any DifferentiableNetwork
    /// Where sums over samples are combined.
    public let reduction: any SampleReduction
    /// θ.
    public internal(set) var policyParameters: [Float]
    /// φ.
    public internal(set) var valueParameters: [Float]
    /// The critic's Adam state.
    public internal(set) var criticOptimizer: Adam
    /// The policy update rule, with its own state.
    public internal(set) var updateRule: any PolicyUpdateRule
    /// Draws the policy's actions.
    public internal(set) var samplingStream: RandomStream
    /// Draws minibatch orders.
    public internal(set) var updateStream: RandomStream
    /// Iterations completed.
    public internal(set) var iteration = 0
    /// Environment steps taken (all copies).
    public internal(set) var totalTimesteps = 0
    /// Environment steps simulated in all, vine branches included.
    public internal(set) var simulatedTimesteps = 0
    /// The last (up to) 100 finished episodes, oldest first, for `rollout/ep_rew_mean`.
    public internal(set) var recentEpisodes: [CompletedEpisode] = []
    /// The episodes finished since the last update, handed to the rule (`PolicyUpdateInput.episodes`).
    var iterationEpisodes: [FinishedEpisode] = []
    /// Steps of the copies taken so far in the collection under way (when each episode finished).
    var collectionSteps = 0
    /// Threads for batched passes and environment stepping (results do not depend on it).
    public var threads: Int
    /// The run's budget of environment steps, which schedules (`lin_X`) count down to; without
    /// one, scheduled values stay at their start.
    public var timestepBudget: Int?

    /// The update rule drew from `updateStream` in an iteration run beside the critic fit, so the
    /// critic fit (which draws after it) runs after it from then on (`OnPolicyTrainer+Overlap.swift`).
    var updateRuleDrawsFromStream = false
    /// Iterations whose policy step ran beside the critic fit and kept its result (for tests).
    var overlappedUpdates = 0

    let singlePath: SinglePathSampler
    let vine: VineSampler?

    /// A trainer on `environment`, initialised from `seed`; the environment is reset here.
    ///
    /// `updateRule` defaults to the built-in rule of `configuration.algorithm`; `policyNetwork` and
    /// `valueNetwork` to MLPs of the configuration's widths (any `DifferentiableNetwork` with the
    /// observation width as input, and the distribution's parameters or one value as output).
    public init(
        environment: any VectorEnvironmentProtocol, configuration: TrainingConfiguration,
        updateRule: (any PolicyUpdateRule)? = nil, policyNetwork: (any DifferentiableNetwork)? = nil,
        valueNetwork: (any DifferentiableNetwork)? = nil, seed: UInt64, threads: Int = 1,
        reduction: any SampleReduction = LocalReduction()
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.seed = seed
        self.threads = max(threads, 1)
        self.reduction = reduction
        let observationWidth = environment.observationSpace.dimension
        let distribution = ActionDistributions.distribution(for: environment.actionSpace)
        let network = policyNetwork ?? MLP(
            inputWidth: observationWidth, hiddenWidths: configuration.policyHiddenWidths,
            outputWidth: distribution.outputWidth, activation: configuration.activation)
        let critic = valueNetwork ?? CriticFit.network(observationWidth: observationWidth, configuration: configuration)
        guard network.inputWidth == observationWidth, network.outputWidth == distribution.outputWidth,
            critic.inputWidth == observationWidth, critic.outputWidth == 1
        else {
            throw ConfigurationError.unsupported(
                "the networks do not fit the spaces: observations \(observationWidth) wide, "
                    + "\(distribution.outputWidth) distribution parameters, one value")
        }
        policy = Policy(network: network, distribution: distribution)
        self.valueNetwork = critic
        var initializationStream = RandomStream(seed: seed, stream: 1)
        policyParameters = policy.initialParameters(
            logStdInit: Float(configuration.logStdInit), stream: &initializationStream)
        if configuration.sharesFeatures {
            // One θ for both heads: the critic must read π's θ as it is (`OutputColumns`).
            guard critic.parameterCount == policy.parameterCount else {
                throw ConfigurationError.unsupported(
                    "share_features_extractor needs a critic over the policy's θ (\(policy.parameterCount) parameters), "
                        + "not \(critic.parameterCount)")
            }
            valueParameters = policyParameters
        } else {
            valueParameters = critic.initialParameters(outputGain: 1, stream: &initializationStream)
        }
        // ε = 1e-5 as SB3's actor-critic policies set it for Adam (PyTorch's own default is 1e-8).
        criticOptimizer = Adam(
            parameterCount: valueParameters.count, learningRate: Float(configuration.learningRate), epsilon: 1e-5)
        samplingStream = RandomStream(seed: seed, stream: 2)
        updateStream = RandomStream(seed: seed, stream: 3)
        self.updateRule = updateRule ?? configuration.makeUpdateRule()
        vine = configuration.sampler == .vine ? VineSampler(settings: configuration.vine, seed: seed) : nil
        singlePath = try SinglePathSampler(environment: environment, policy: policy, critic: critic, seed: seed)
    }

    /// π_θ and V_φ as they are now.
    public var actingModels: ActingModels {
        ActingModels(policy: policy, parameters: policyParameters, critic: valueNetwork, criticParameters: valueParameters)
    }

    /// One iteration: collect N·T steps, update π, fit V. Returns the progress row (time columns
    /// are left for the caller, who owns the clock).
    public func runIteration() throws -> IterationMetrics {
        var rolloutSet = vine?.rolloutSet(iteration: iteration, batchRows: configuration.batchRows)
        let buffer = try collect(recording: &rolloutSet)
        var branches: VineSample?
        if let vine, let rolloutSet {
            branches = try vine.branches(
                rolloutSet, trunk: buffer, environment: environment, models: actingModels,
                discount: configuration.discount, iteration: iteration, threads: threads)
        }
        var metrics = train(on: buffer, vine: branches)
        iteration += 1
        totalTimesteps += buffer.rows
        simulatedTimesteps += buffer.rows + (branches?.simulatedSteps ?? 0)
        metrics.iteration = iteration
        metrics.totalTimesteps = totalTimesteps
        metrics.simulatedTimesteps = simulatedTimesteps
        let finished = recentEpisodes
        if !finished.isEmpty {
            metrics.meanEpisodeReturn = finished.reduce(0) { $0 + $1.episodeReturn } / Double(finished.count)
            metrics.meanEpisodeLength = finished.reduce(0) { $0 + Double($1.length) } / Double(finished.count)
        }
        return metrics
    }

    /// Steps the copies T times with the current stochastic policy and records everything.
    public func collectRollout() throws -> RolloutBuffer {
        var noRolloutSet: VineRolloutSet?
        return try collect(recording: &noRolloutSet)
    }

    func collect(recording rolloutSet: inout VineRolloutSet?) throws -> RolloutBuffer {
        collectionSteps = 0
        return try singlePath.collect(
            steps: configuration.stepsPerCopy, policy: policy, parameters: policyParameters, critic: valueNetwork,
            criticParameters: valueParameters, discount: configuration.discount, stream: &samplingStream,
            rolloutSet: &rolloutSet, episodes: record)
    }

    /// Adds one step's finished episodes to the window of the last 100 and, with the run's step
    /// count after that step, to the rule's (a reduction point: a distributed run gathers every
    /// participant's episodes in copy order). The sampler calls it once per step.
    func record(_ episodes: [CompletedEpisode]) {
        collectionSteps += 1
        let finishTimestep = totalTimesteps + collectionSteps * environment.count
        recentEpisodes.append(contentsOf: episodes)
        iterationEpisodes.append(contentsOf: episodes.map { FinishedEpisode($0, finishTimestep: finishTimestep) })
        if recentEpisodes.count > 100 { recentEpisodes.removeFirst(recentEpisodes.count - 100) }
    }
}
