import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Rollouts

/// The one on-policy loop of TrustRegion: collect, estimate advantages, update the policy by the
/// configured rule, fit the critic. TRPO, NPG, VPG and PPO differ only in their `PolicyUpdateRule`.
///
/// Every random draw comes from streams derived from the seed (environment copies from the vector
/// environment's seeding, the policy's actions from `samplingStream`, minibatch orders from
/// `updateStream`), and every reduction has a fixed order, so one seed gives one run, bit for bit,
/// whatever `threads` is.
public final class OnPolicyTrainer {
    /// The settings.
    public let configuration: TrainingConfiguration
    /// The seed of the run.
    public let seed: UInt64
    /// The environment copies (possibly behind normalisation wrappers).
    public let environment: any VectorEnvironmentProtocol
    /// π_θ's architecture.
    public let policy: Policy
    /// θ.
    public var policyParameters: [Float]
    /// V_φ's architecture.
    public let valueNetwork: MLP
    /// φ.
    public var valueParameters: [Float]
    /// The critic's Adam state.
    public var criticOptimizer: Adam
    /// The policy's Adam state (used by VPG and PPO).
    public var policyOptimizer: Adam
    /// Draws the policy's actions.
    public var samplingStream: RandomStream
    /// Draws minibatch orders.
    public var updateStream: RandomStream
    /// Iterations completed.
    public var iteration = 0
    /// Environment steps taken (all copies).
    public var totalTimesteps = 0
    /// The copies' current observations (flat) and whether each starts an episode.
    public var lastObservations: [Float] = []
    public var lastEpisodeStarts: [Bool] = []
    /// The last (up to) 100 finished episodes, oldest first, for `rollout/ep_rew_mean`.
    public var recentEpisodes: [CompletedEpisode] = []
    /// Threads for batched passes and environment stepping (results do not depend on it).
    public var threads: Int
    /// Environment steps simulated in all, vine branches included.
    public var simulatedTimesteps = 0
    /// Makes a single environment like the copies, for the vine's branches.
    public var makeBranchEnvironment: (() throws -> any Environment)?

    let actingWorkspace: MLPWorkspace
    /// V(s) of the copies' observations while collecting, reusing its workspaces every step.
    let actingValues: BlockedNetwork
    var updateRule: any PolicyUpdateRule

    /// A trainer on `environment`, initialised from `seed`; the environment is reset here.
    public init(
        environment: any VectorEnvironmentProtocol, configuration: TrainingConfiguration, seed: UInt64,
        threads: Int = 1
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.seed = seed
        self.environment = environment
        self.threads = max(threads, 1)
        let observationWidth = environment.observationSpace.dimension
        let head = try PolicyHead(actionSpace: environment.actionSpace)
        policy = Policy(
            observationWidth: observationWidth, hiddenWidths: configuration.policyHiddenWidths,
            activation: configuration.activation, head: head)
        valueNetwork = CriticFit.network(observationWidth: observationWidth, configuration: configuration)
        var initializationStream = RandomStream(seed: seed, stream: 1)
        policyParameters = policy.initialParameters(
            logStdInit: Float(configuration.logStdInit), stream: &initializationStream)
        valueParameters = valueNetwork.initialParameters(
            outputGain: 1, stream: &initializationStream)
        // ε = 1e-5 as SB3's actor-critic policies set it for Adam (PyTorch's own default is 1e-8).
        criticOptimizer = Adam(
            parameterCount: valueParameters.count, learningRate: Float(configuration.learningRate), epsilon: 1e-5)
        policyOptimizer = Adam(
            parameterCount: policyParameters.count, learningRate: Float(configuration.learningRate), epsilon: 1e-5)
        samplingStream = RandomStream(seed: seed, stream: 2)
        updateStream = RandomStream(seed: seed, stream: 3)
        actingWorkspace = MLPWorkspace(network: policy.network, capacity: environment.count)
        actingValues = BlockedNetwork(network: valueNetwork, inputs: [], rows: 0)
        updateRule = configuration.makeUpdateRule()
        lastObservations = try environment.reset(seed: seed)
        lastEpisodeStarts = [Bool](repeating: true, count: environment.count)
    }

    /// One iteration: collect N·T steps, update π, fit V. Returns the progress row (time columns
    /// are left for the caller, who owns the clock).
    public func runIteration() throws -> IterationMetrics {
        var rolloutSet = configuration.sampler == .vine ? chooseRolloutSet() : nil
        let buffer = try collectRollout(recording: &rolloutSet)
        let vine = try rolloutSet.map { try runBranches($0, trunk: buffer) }
        var metrics = train(on: buffer, vine: vine)
        iteration += 1
        totalTimesteps += buffer.rows
        simulatedTimesteps += buffer.rows + (vine?.simulatedSteps ?? 0)
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

    /// Adds finished episodes to the window of the last 100.
    func record(_ episodes: [CompletedEpisode]) {
        recentEpisodes.append(contentsOf: episodes)
        if recentEpisodes.count > 100 { recentEpisodes.removeFirst(recentEpisodes.count - 100) }
    }
}

extension PolicyHead {
    /// The head for an action space: categorical for Discrete, diagonal Gaussian for Box.
    public init(actionSpace: Space) throws {
        switch actionSpace {
        case .discrete(let count): self = .categorical(actionCount: count)
        case .box(let low, _): self = .diagonalGaussian(dimension: low.count)
        case .multiDiscrete:
            throw ConfigurationError.unsupported("MultiDiscrete action spaces have no policy head yet")
        }
    }
}
