/// A vector environment of one copy seen as an `Environment`, for what steps one environment at
/// a time (evaluation, rollouts) when the source only makes vector environments (`gym:` ids).
///
/// The vector environment resets an ended episode in the same step; the reset observation is kept
/// and returned by the next unseeded `reset`, which is what the copy's own `reset()` would have
/// drawn (Gymnasium's auto-reset is an unseeded `reset()` of the copy), so episodes follow one
/// another as with a single environment. A seeded `reset` resets the copy with that seed.
public final class SingleCopyEnvironment: Environment {
    /// The wrapped vector environment (one copy).
    public let vector: any VectorEnvironmentProtocol
    /// The reset observation of the episode the vector environment has already started.
    private var pendingReset: [Float]?

    /// Wraps `vector`, which must have exactly one copy.
    public init(_ vector: any VectorEnvironmentProtocol) throws {
        guard vector.count == 1 else {
            throw EnvironmentError.invalidConfiguration("a single-copy view needs 1 copy, got \(vector.count)")
        }
        self.vector = vector
    }

    public var observationSpace: Space { vector.observationSpace }
    public var actionSpace: Space { vector.actionSpace }

    public func reset(seed: UInt64?) throws -> [Float] {
        defer { pendingReset = nil }
        if seed == nil, let pendingReset { return pendingReset }
        return try vector.reset(seed: seed)
    }

    public func step(_ action: Action) throws -> StepResult {
        let result = try vector.step([action])
        _ = vector.takeCompletedEpisodes()
        let (terminated, truncated) = (result.terminated[0], result.truncated[0])
        var observation = Array(result.observation(0))
        if terminated || truncated, let final = result.finalObservations[0] {
            pendingReset = observation
            observation = final
        }
        return StepResult(observation: observation, reward: result.rewards[0], terminated: terminated, truncated: truncated)
    }

    /// Not supported: the state lives in the vector environment (e.g. a Python process).
    public func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot() }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        throw EnvironmentError.invalidSnapshot(
            environment: "single copy of a vector environment", reason: "its state is not snapshotted")
    }
}
