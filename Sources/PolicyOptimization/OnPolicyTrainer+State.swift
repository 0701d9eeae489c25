import DenseLinearAlgebra
import Environments
import NeuralNetworks

/// Everything that determines the rest of a run, captured between iterations: with it, a resumed
/// run produces the same progress rows and parameters, bit for bit, as an uninterrupted one.
public struct TrainerState: Sendable {
    public var iteration: Int
    public var totalTimesteps: Int
    /// Environment steps including vine branches.
    public var simulatedTimesteps: Int
    /// θ and φ.
    public var policyParameters: [Float]
    public var valueParameters: [Float]
    /// The critic's Adam moments and step count.
    public var criticOptimizer: Adam
    /// The update rule's own state (a first-order rule's Adam; empty for TRPO and NPG).
    public var ruleState: UpdateRuleState
    /// The random streams of actions and minibatch orders.
    public var samplingStream: RandomStream
    public var updateStream: RandomStream
    /// The copies' current (possibly normalised) observations and episode-start flags.
    public var lastObservations: [Float]
    public var lastEpisodeStarts: [Bool]
    /// The window of finished episodes behind `rollout/ep_rew_mean`.
    public var recentEpisodes: [CompletedEpisode]
    /// The environment copies, their statistics and the normaliser.
    public var environment: VectorEnvironmentSnapshot

    public init(
        iteration: Int, totalTimesteps: Int, simulatedTimesteps: Int, policyParameters: [Float], valueParameters: [Float],
        criticOptimizer: Adam, ruleState: UpdateRuleState, samplingStream: RandomStream, updateStream: RandomStream,
        lastObservations: [Float], lastEpisodeStarts: [Bool], recentEpisodes: [CompletedEpisode],
        environment: VectorEnvironmentSnapshot
    ) {
        self.iteration = iteration
        self.totalTimesteps = totalTimesteps
        self.simulatedTimesteps = simulatedTimesteps
        self.policyParameters = policyParameters
        self.valueParameters = valueParameters
        self.criticOptimizer = criticOptimizer
        self.ruleState = ruleState
        self.samplingStream = samplingStream
        self.updateStream = updateStream
        self.lastObservations = lastObservations
        self.lastEpisodeStarts = lastEpisodeStarts
        self.recentEpisodes = recentEpisodes
        self.environment = environment
    }
}

extension OnPolicyTrainer {
    /// The copies' current (policy-view) observations.
    public var lastObservations: [Float] { singlePath.lastObservations }
    /// Whether each copy's current observation starts an episode.
    public var lastEpisodeStarts: [Bool] { singlePath.lastEpisodeStarts }

    /// The trainer's state between iterations.
    public func state() throws -> TrainerState {
        guard let environment = environment as? any SnapshottingVectorEnvironment else {
            throw ConfigurationError.unsupported("this vector environment cannot be checkpointed")
        }
        return TrainerState(
            iteration: iteration, totalTimesteps: totalTimesteps, simulatedTimesteps: simulatedTimesteps,
            policyParameters: policyParameters, valueParameters: valueParameters, criticOptimizer: criticOptimizer,
            ruleState: updateRule.state, samplingStream: samplingStream, updateStream: updateStream,
            lastObservations: lastObservations, lastEpisodeStarts: lastEpisodeStarts, recentEpisodes: recentEpisodes,
            environment: try environment.vectorSnapshot())
    }

    /// Continues from a saved state; throws if its shapes do not fit this trainer.
    public func restore(_ state: TrainerState) throws {
        func require(_ condition: Bool, _ what: String) throws {
            if !condition { throw ConfigurationError.unsupported("checkpoint does not fit this run: \(what)") }
        }
        try require(state.policyParameters.count == policy.parameterCount, "policy has \(state.policyParameters.count) parameters, expected \(policy.parameterCount)")
        try require(state.valueParameters.count == valueNetwork.parameterCount, "value function has \(state.valueParameters.count) parameters, expected \(valueNetwork.parameterCount)")
        try require(state.criticOptimizer.firstMoment.count == valueNetwork.parameterCount, "critic optimiser size")
        try require(state.lastObservations.count == environment.count * policy.observationWidth, "observation batch size")
        try require(state.lastEpisodeStarts.count == environment.count, "episode-start flags")
        try require(state.iteration >= 0 && state.totalTimesteps >= 0 && state.simulatedTimesteps >= state.totalTimesteps, "negative counters")
        try require(VectorOperations.allFinite(state.policyParameters) && VectorOperations.allFinite(state.valueParameters), "non-finite parameters")
        guard let snapshotting = environment as? any SnapshottingVectorEnvironment else {
            throw ConfigurationError.unsupported("this vector environment cannot be restored")
        }
        var rule = updateRule
        try rule.restore(state.ruleState)
        try snapshotting.restore(state.environment)
        updateRule = rule
        iteration = state.iteration
        totalTimesteps = state.totalTimesteps
        simulatedTimesteps = state.simulatedTimesteps
        policyParameters = state.policyParameters
        valueParameters = state.valueParameters
        criticOptimizer = state.criticOptimizer
        samplingStream = state.samplingStream
        updateStream = state.updateStream
        singlePath.restore(lastObservations: state.lastObservations, lastEpisodeStarts: state.lastEpisodeStarts)
        recentEpisodes = state.recentEpisodes
    }
}
