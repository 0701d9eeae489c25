#if MuJoCo
import DenseLinearAlgebra
import Environments
import MuJoCoEnvironments
import Testing

/// Snapshot and restore must reproduce the future exactly: same observations, rewards,
/// terminations and reset noise, bit for bit (tolerance 0), in the same environment or a copy.
struct SnapshotTests {
    /// Steps `count` random actions (drawn from `actions`), resetting with the environment's own
    /// stream after a termination, and returns every transition.
    static func rollout(
        _ environment: any Environment, steps count: Int, actions: inout RandomStream
    ) throws -> [StepResult] {
        guard case .box(let low, let high) = environment.actionSpace else { return [] }
        var results: [StepResult] = []
        for _ in 0..<count {
            let action = zip(low, high).map { low, high in low + (high - low) * actions.nextUniformFloat() }
            let result = try environment.step(.continuous(action))
            results.append(result)
            if result.terminated { _ = try environment.reset(seed: nil) }
        }
        return results
    }

    @Test("Restoring and replaying gives identical transitions", arguments: MuJoCoEnvironments.ids)
    func replayIsExact(id: String) throws {
        let environment = try MuJoCoEnvironments.make(id)
        var actions = RandomStream(seed: 7)
        _ = try environment.reset(seed: 3)
        _ = try Self.rollout(environment, steps: 20, actions: &actions)
        let snapshot = environment.snapshot()
        let actionsAtSnapshot = actions
        let original = try Self.rollout(environment, steps: 60, actions: &actions)
        let originalReset = try environment.reset(seed: nil)

        try environment.restore(snapshot)
        var replayActions = actionsAtSnapshot
        let replay = try Self.rollout(environment, steps: 60, actions: &replayActions)
        #expect(replay == original)
        #expect(try environment.reset(seed: nil) == originalReset)
        #expect(original.contains { $0.observation != original[0].observation })  // not a trivial replay

        let copy = try MuJoCoEnvironments.make(id, seed: 99)
        try copy.restore(snapshot)
        var copyActions = actionsAtSnapshot
        #expect(try Self.rollout(copy, steps: 60, actions: &copyActions) == original)
    }

    @Test("The snapshot holds np_random's state, so the next reset's noise is replayed")
    func randomStateSurvives() throws {
        let environment = try MuJoCoEnvironment<HalfCheetah>()
        _ = try environment.reset(seed: 5)  // uniform and standard_normal draws
        let snapshot = environment.snapshot()
        #expect(snapshot.integers == environment.random.snapshotWords)
        let next = try environment.reset(seed: nil)
        try environment.restore(snapshot)
        #expect(try environment.reset(seed: nil) == next)
    }

    @Test("A snapshot of another environment kind is refused")
    func foreignSnapshotThrows() throws {
        let hopper = try MuJoCoEnvironment<Hopper>()
        let ant = try MuJoCoEnvironment<Ant>()
        #expect(throws: MuJoCoError.self) { try ant.restore(hopper.snapshot()) }
        var damaged = hopper.snapshot()
        damaged.integers = [0, 0, 0, 0, 0]
        #expect(throws: MuJoCoError.self) { try hopper.restore(damaged) }
    }
}
#endif
