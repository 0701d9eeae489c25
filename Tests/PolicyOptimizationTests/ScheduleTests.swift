import Environments
import Testing
@testable import PolicyOptimization
import TrainingSettings

@Suite("Linear schedules (lin_X), SB3's semantics")
struct ScheduleTests {
    func ppoConfiguration() throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .ppo)
        try configuration.set("learning_rate", to: .string("lin_0.001"))
        try configuration.set("clip_range", to: .string("lin_0.2"))
        try configuration.set("n_envs", to: .integer(2))
        try configuration.set("n_steps", to: .integer(32))
        try configuration.set("n_epochs", to: .integer(2))
        try configuration.set("batch_size", to: .integer(32))
        return configuration
    }

    /// `lin_X` is X times the progress remaining, and `config.json` reads it back as `lin_X`.
    @Test func keysAndValues() throws {
        let configuration = try ppoConfiguration()
        #expect(configuration.learningRateSchedule == .linear && configuration.clipRangeSchedule == .linear)
        let values = Dictionary(uniqueKeysWithValues: configuration.keyValues.map { ($0.key, $0.value) })
        #expect(values["learning_rate"] == .string("lin_0.001"))
        #expect(values["clip_range"] == .string("lin_0.2"))
        let quarter = configuration.scheduled(progressRemaining: 0.25)
        #expect(quarter.learningRate == 0.001 * 0.25 && quarter.clipRange == 0.2 * 0.25)
        var constant = configuration
        try constant.set("learning_rate", to: .real(0.001))
        #expect(constant.scheduled(progressRemaining: 0.25).learningRate == 0.001)
    }

    /// After the rollout that brings the run to t of T steps, the rule and the critic step with
    /// X·(1 − t/T) (SB3 updates the progress after collecting); a run stopped and resumed from its
    /// state continues with the same bits as one that was not.
    @Test func trainerFollowsTheScheduleAndResumesExactly() throws {
        let configuration = try ppoConfiguration()
        func makeTrainer() throws -> OnPolicyTrainer {
            let environment = try VectorEnvironment(id: "CartPole-v1", count: configuration.environmentCopies)
            let trainer = try OnPolicyTrainer(environment: environment, configuration: configuration, seed: 3)
            trainer.timestepBudget = 256
            return trainer
        }
        let straight = try makeTrainer()
        for _ in 0..<4 { _ = try straight.runIteration() }
        let rule = try #require(straight.updateRule as? ProximalPolicyUpdate)
        let progress = 1 - 4 * 64.0 / 256.0  // 4 rollouts of 2 × 32 steps of 256
        #expect(rule.settings.learningRate == 0.001 * progress)
        #expect(rule.settings.clipRange == 0.2 * progress)
        #expect(straight.criticOptimizer.learningRate == Float(0.001 * progress))

        let first = try makeTrainer()
        for _ in 0..<2 { _ = try first.runIteration() }
        let state = try first.state()
        let resumed = try makeTrainer()
        try resumed.restore(state)
        for _ in 0..<2 { _ = try resumed.runIteration() }
        #expect(resumed.policyParameters == straight.policyParameters)
        #expect(resumed.valueParameters == straight.valueParameters)
    }
}
