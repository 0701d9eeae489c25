/// The return and length of one finished episode (Gymnasium's `RecordEpisodeStatistics` "r", "l").
public struct CompletedEpisode: Sendable, Hashable, Codable {
    /// The undiscounted sum of the episode's rewards.
    public var episodeReturn: Double
    /// The number of steps of the episode.
    public var length: Int
    /// The copy of a vector environment it ran in (0 for a single environment).
    public var copy: Int

    /// A finished episode's statistics.
    public init(episodeReturn: Double, length: Int, copy: Int = 0) {
        self.episodeReturn = episodeReturn
        self.length = length
        self.copy = copy
    }
}

/// Gymnasium's `RecordEpisodeStatistics`: accumulates each episode's return and length.
///
/// Finished episodes are appended to `completedEpisodes` in order of completion; take them with
/// `takeCompletedEpisodes()`. The running sums are part of the snapshot.
public final class RecordEpisodeStatistics: Environment {
    /// The wrapped environment.
    public let wrapped: any Environment
    /// Episodes finished since the last `takeCompletedEpisodes()`.
    public private(set) var completedEpisodes: [CompletedEpisode] = []
    /// The return of the running episode so far.
    public private(set) var runningReturn = 0.0
    /// The length of the running episode so far.
    public private(set) var runningLength = 0

    /// Wraps `environment`.
    public init(_ environment: any Environment) {
        wrapped = environment
    }

    /// The wrapped environment's observation space.
    public var observationSpace: Space { wrapped.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: Space { wrapped.actionSpace }

    /// Returns and clears the finished episodes.
    public func takeCompletedEpisodes() -> [CompletedEpisode] {
        defer { completedEpisodes.removeAll(keepingCapacity: true) }
        return completedEpisodes
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        runningReturn = 0
        runningLength = 0
        return try wrapped.reset(seed: seed)
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        let result = try wrapped.step(action)
        runningReturn += result.reward
        runningLength += 1
        if result.terminated || result.truncated {
            completedEpisodes.append(CompletedEpisode(episodeReturn: runningReturn, length: runningLength))
        }
        return result
    }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = wrapped.snapshot()
        snapshot.reals.append(runningReturn)
        snapshot.integers.append(UInt64(runningLength))
        return snapshot
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard let runningReturn = snapshot.reals.last, let length = snapshot.integers.last, length <= UInt64(Int.max)
        else {
            throw EnvironmentError.invalidSnapshot(
                environment: "RecordEpisodeStatistics", reason: "missing the running return and length")
        }
        var inner = snapshot
        inner.reals.removeLast()
        inner.integers.removeLast()
        try wrapped.restore(inner)
        self.runningReturn = runningReturn
        runningLength = Int(length)
    }
}
