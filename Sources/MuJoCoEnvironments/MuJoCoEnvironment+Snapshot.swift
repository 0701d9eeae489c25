#if MuJoCo
import DenseLinearAlgebra
import Environments

// MARK: - Snapshot and restore (for the vine sampler and for replays)

extension MuJoCoEnvironment {
    /// The full state: MuJoCo's integration state (time, qpos, qvel, act, controls, warm start),
    /// the derived quantities read before the next step, and the random stream.
    ///
    /// Layout: `reals` = physics state, then the spare normal deviate (0 if none);
    /// `integers` = the four words of the random stream, then 1 if a spare deviate is held.
    /// The tasks keep no episode state of their own (Reacher's goal lives in `qpos`).
    public func snapshot() -> EnvironmentSnapshot {
        var reals = simulation.physicsState()
        reals.append(random.spareNormal ?? 0)
        var integers = random.state
        integers.append(random.spareNormal == nil ? 0 : 1)
        return EnvironmentSnapshot(reals: reals, integers: integers)
    }

    /// Restores a snapshot of an environment of the same kind; stepping on gives the same
    /// transitions as the original did.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let realCount = simulation.physicsStateCount + 1
        guard snapshot.reals.count == realCount, snapshot.integers.count == 5 else {
            throw MuJoCoError.invalidSnapshot(
                environment: Task.id,
                reason: "expected \(realCount) reals and 5 integers, got \(snapshot.reals.count) and \(snapshot.integers.count)")
        }
        let spare = snapshot.integers[4] == 1 ? snapshot.reals[realCount - 1] : nil
        guard let stream = RandomStream(state: Array(snapshot.integers[0..<4]), spareNormal: spare) else {
            throw MuJoCoError.invalidSnapshot(environment: Task.id, reason: "the random stream's state is all zero")
        }
        try simulation.restorePhysicsState(snapshot.reals[0..<(realCount - 1)])
        random = stream
    }
}
#endif
