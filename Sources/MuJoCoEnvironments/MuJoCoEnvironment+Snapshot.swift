#if MuJoCo
import Environments

// MARK: - Snapshot and restore (for the vine sampler and for replays)

extension MuJoCoEnvironment {
    /// The full state: MuJoCo's integration state (time, qpos, qvel, act, controls, warm start),
    /// the derived quantities read before the next step, and `np_random`.
    ///
    /// Layout: `reals` = physics state; `integers` = the `EpisodeRandomness` words. The tasks
    /// keep no episode state of their own (Reacher's goal lives in `qpos`).
    public func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(reals: simulation.physicsState(), integers: random.snapshotWords)
    }

    /// Restores a snapshot of an environment of the same kind; stepping on gives the same
    /// transitions as the original did.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let realCount = simulation.physicsStateCount, wordCount = EpisodeRandomness.snapshotWordCount
        guard snapshot.reals.count == realCount, snapshot.integers.count == wordCount else {
            throw MuJoCoError.invalidSnapshot(
                environment: task.id,
                reason: "expected \(realCount) reals and \(wordCount) integers, got \(snapshot.reals.count) and \(snapshot.integers.count)")
        }
        guard let randomness = EpisodeRandomness(snapshotWords: snapshot.integers[...]) else {
            throw MuJoCoError.invalidSnapshot(environment: task.id, reason: "the random generator's state is malformed")
        }
        try simulation.restorePhysicsState(snapshot.reals[...])
        random = randomness
    }
}
#endif
