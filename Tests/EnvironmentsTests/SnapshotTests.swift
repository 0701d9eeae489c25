import DenseLinearAlgebra
import Environments
import Testing

@Suite("Snapshot and restore")
struct SnapshotTests {
    /// Plays `count` seeded random actions, resetting unseeded at episode ends; returns every transition
    /// and every reset observation in order.
    private func play(_ environment: any Environment, _ actions: [Action]) throws -> [StepResult] {
        var transitions: [StepResult] = []
        for action in actions {
            let result = try environment.step(action)
            transitions.append(result)
            if result.terminated || result.truncated {
                // Record the reset as a pseudo-transition so the random stream is compared too.
                transitions.append(
                    StepResult(
                        observation: try environment.reset(seed: nil), reward: 0, terminated: false, truncated: false))
            }
        }
        return transitions
    }

    @Test(arguments: [CartPole.id, Pendulum.id, Acrobot.id, MountainCar.id, MountainCarContinuous.id])
    func restoreAndReplayGivesIdenticalTransitions(id: String) throws {
        let environment = try makeEnvironment(id)
        _ = try environment.reset(seed: 21)
        var stream = RandomStream(seed: 3)
        let warmUp = (0..<150).map { _ in environment.actionSpace.sample(using: &stream) }
        _ = try play(environment, warmUp)
        let snapshot = environment.snapshot()
        // Long enough to cross episode ends (time limits of 200–999 steps) for every environment.
        let actions = (0..<1_000).map { _ in environment.actionSpace.sample(using: &stream) }
        let original = try play(environment, actions)
        try environment.restore(snapshot)
        #expect(environment.snapshot() == snapshot)
        let replay = try play(environment, actions)
        #expect(replay == original, "StepResult == compares observations, rewards and flags exactly")
        #expect(original.count > actions.count, "the replay must cross at least one episode end")
    }

    @Test func restoringIntoAFreshInstanceContinues() throws {
        let first = try makeEnvironment(Acrobot.id)
        _ = try first.reset(seed: 4)
        for _ in 0..<30 { _ = try first.step(.discrete(2)) }
        let second = try makeEnvironment(Acrobot.id)
        try second.restore(first.snapshot())
        for _ in 0..<30 { #expect(try first.step(.discrete(0)) == second.step(.discrete(0))) }
    }

    @Test func mismatchedSnapshotsAreTypedErrors() throws {
        let cartPole = try makeEnvironment(CartPole.id)
        let pendulum = try makeEnvironment(Pendulum.id)
        _ = try pendulum.reset(seed: 0)
        #expect(throws: EnvironmentError.self) { try cartPole.restore(pendulum.snapshot()) }
        #expect(throws: EnvironmentError.self) { try cartPole.restore(EnvironmentSnapshot()) }
        #expect(throws: EnvironmentError.self) {
            try CartPole().restore(EnvironmentSnapshot(reals: [0, 0, 0, 0], integers: [1, 0, 0, 0, 2, 1, 0]))
        }
    }
}
