/// A registry entry: Gymnasium's `EnvSpec` (id, spaces, time limit, reward threshold, constructor).
public struct EnvironmentSpecification: Sendable {
    /// The id users pass to `makeEnvironment`, e.g. `"CartPole-v1"`.
    public var id: String
    /// The observation space of the environment.
    public var observationSpace: Space
    /// The action space of the environment.
    public var actionSpace: Space
    /// Gymnasium's `max_episode_steps`: `makeEnvironment` wraps in a `TimeLimit` of this many steps.
    public var maxEpisodeSteps: Int?
    /// Gymnasium's `reward_threshold`: the average return at which the task counts as solved.
    public var rewardThreshold: Double?
    /// Builds the bare environment, without the time limit.
    public var makeUnwrapped: @Sendable () throws -> any Environment

    /// An entry; `makeUnwrapped` must build an environment with the given spaces.
    public init(
        id: String, observationSpace: Space, actionSpace: Space, maxEpisodeSteps: Int?, rewardThreshold: Double?,
        makeUnwrapped: @escaping @Sendable () throws -> any Environment
    ) {
        self.id = id
        self.observationSpace = observationSpace
        self.actionSpace = actionSpace
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.makeUnwrapped = makeUnwrapped
    }

    /// An entry whose spaces are read from one instance built by `makeUnwrapped`.
    public init(
        id: String, maxEpisodeSteps: Int?, rewardThreshold: Double?,
        makeUnwrapped: @escaping @Sendable () throws -> any Environment
    ) throws {
        let sample = try makeUnwrapped()
        self.init(
            id: id, observationSpace: sample.observationSpace, actionSpace: sample.actionSpace,
            maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold, makeUnwrapped: makeUnwrapped)
    }

    /// A new environment: the bare one wrapped in `TimeLimit(maxEpisodeSteps)` when there is a limit.
    public func make() throws -> any Environment {
        let environment = try makeUnwrapped()
        guard let maxEpisodeSteps else { return environment }
        return try TimeLimit(environment, maxEpisodeSteps: maxEpisodeSteps)
    }
}
