/// Gymnasium's `TimeLimit`: truncates an episode after `maxEpisodeSteps` steps.
///
/// `truncated` becomes true on the step where the elapsed count reaches the limit (`elapsed ≥
/// max_episode_steps`), whether or not the episode also terminated there. Its snapshot appends the
/// elapsed-step count to the wrapped environment's integers.
public final class TimeLimit: Environment {
    /// The wrapped environment.
    public let wrapped: any Environment
    /// Gymnasium's `max_episode_steps`.
    public let maxEpisodeSteps: Int
    /// Steps taken since the last reset.
    public private(set) var elapsedSteps = 0

    /// Wraps `environment` with a limit of `maxEpisodeSteps` (must be positive).
    public init(_ environment: any Environment, maxEpisodeSteps: Int) throws {
        guard maxEpisodeSteps > 0 else {
            throw EnvironmentError.invalidConfiguration("TimeLimit needs maxEpisodeSteps > 0, got \(maxEpisodeSteps)")
        }
        wrapped = environment
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    /// The wrapped environment's observation space.
    public var observationSpace: Space { wrapped.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: Space { wrapped.actionSpace }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        elapsedSteps = 0
        return try wrapped.reset(seed: seed)
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        var result = try wrapped.step(action)
        elapsedSteps += 1
        if elapsedSteps >= maxEpisodeSteps { result.truncated = true }
        return result
    }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = wrapped.snapshot()
        snapshot.integers.append(UInt64(elapsedSteps))
        return snapshot
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard let elapsed = snapshot.integers.last, elapsed <= UInt64(Int.max) else {
            throw EnvironmentError.invalidSnapshot(environment: "TimeLimit", reason: "missing the elapsed-step count")
        }
        var inner = snapshot
        inner.integers.removeLast()
        try wrapped.restore(inner)
        elapsedSteps = Int(elapsed)
    }
}
