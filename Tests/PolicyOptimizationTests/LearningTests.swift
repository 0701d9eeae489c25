import DenseLinearAlgebra
import Environments
import Testing
@testable import PolicyOptimization
import TrainingSettings

/// Short learning runs on a fixed seed, small enough for the unit suite (the 100k-step acceptance
/// runs are in Benchmarks/).
@Suite struct LearningTests {
    /// TRPO on CartPole-v1, seed 0, 12,288 steps with a 32-unit network: the random policy's
    /// episodes last about 20 steps; the deterministic policy afterwards must average ≥ 150 over 10
    /// evaluation episodes, and no accepted step may exceed δ.
    @Test func trpoLearnsCartPole() throws {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1")
        configuration.policyHiddenWidths = [32]
        configuration.valueHiddenWidths = [32]
        configuration.criticEpochs = 5
        let agent = try TRPO(environment: "CartPole-v1", configuration: configuration, seed: 0)
        var first: IterationMetrics?
        var worstKL = 0.0
        try agent.learn(totalTimesteps: 12_000) { metrics in
            if first == nil { first = metrics }
            if metrics.update.lineSearchSucceeded { worstKL = max(worstKL, metrics.update.klDivergence) }
            return true
        }
        let returns = try PolicySnapshot(trainer: agent.trainer, normalizer: agent.normalizer)
            .evaluate(on: makeEnvironment("CartPole-v1"), episodes: 10, seed: 0)
        let mean = returns.reduce(0, +) / Double(returns.count)
        #expect((first?.meanEpisodeReturn ?? 100) < 40)
        #expect(mean >= 150, "evaluation returns \(returns)")
        #expect(worstKL <= configuration.naturalGradientSettings.maxKL)
    }

    /// `predict` gives the deterministic action of the trained policy.
    @Test func predictIsDeterministic() throws {
        let agent = try TRPO(environment: "Pendulum-v1", seed: 1)
        let observation: [Float] = [1, 0, 0.5]
        #expect(agent.predict(observation: observation) == agent.predict(observation: observation))
        guard case .continuous(let values) = agent.predict(observation: observation) else {
            Issue.record("Pendulum actions are continuous")
            return
        }
        #expect(values.count == 1 && abs(values[0]) <= 2)
    }
}
