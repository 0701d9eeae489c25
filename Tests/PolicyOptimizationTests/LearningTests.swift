import DenseLinearAlgebra
import Environments
import Testing
import _TestSupport
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

    /// A TRPO agent on a toy environment (256 steps an iteration, 16-unit networks), trained for
    /// `timesteps` steps (0: untrained).
    func toyAgent(_ id: String, seed: UInt64, timesteps: Int) throws -> Agent {
        var configuration = TrainingConfiguration.zooDefaults(for: id)
        configuration.stepsPerCopy = 256
        configuration.policyHiddenWidths = [16]
        configuration.valueHiddenWidths = [16]
        configuration.criticEpochs = 2
        let agent = try Agent(
            environment: id, algorithm: .trpo, configuration: configuration, seed: seed, registry: try ToyEnvironments.registry())
        try agent.learn(totalTimesteps: timesteps)
        return agent
    }

    /// `predict` is the mode of the policy the trainer samples from: on every observation of a
    /// rollout the trainer collects at the same θ it is the argmax of the recorded logits, for the
    /// trained and the untrained agent; it ignores the stream and repeats. After 1,024 steps it is
    /// the best action in all 4 contexts, where the untrained agent (same seed) misses at least one,
    /// so the check tells training from no training.
    @Test func predictIsTheModeOfTheTrainedPolicy() throws {
        let bandit = ToyBandit()
        let trained = try toyAgent(ToyEnvironments.banditID, seed: 2, timesteps: 1024)
        let untrained = try toyAgent(ToyEnvironments.banditID, seed: 2, timesteps: 0)
        for agent in [trained, untrained] {
            let buffer = try agent.trainer.collectRollout()
            for row in 0..<buffer.rows {
                let observation = Array(buffer.observations[(row * 4)..<((row + 1) * 4)])
                let logits = Array(buffer.policyOutputs[(row * 4)..<((row + 1) * 4)])
                let mode = try #require(logits.indices.max { logits[$0] < logits[$1] })
                #expect(agent.predict(observation: observation) == .discrete(mode), "row \(row): logits \(logits)")
            }
        }
        var missed = 0
        for context in 0..<4 {
            let observation = bandit.observation(context: context)
            let action = trained.predict(observation: observation)
            #expect(action == .discrete(bandit.bestAction(context: context)), "context \(context)")
            var stream = RandomStream(seed: UInt64(context), stream: 9)
            for _ in 0..<3 { #expect(trained.predict(observation: observation, deterministic: true, stream: &stream) == action) }
            if untrained.predict(observation: observation) != .discrete(bandit.bestAction(context: context)) { missed += 1 }
        }
        #expect(missed > 0, "the untrained agent already solves the bandit: the check above would mean nothing")
    }

    /// On `ToyTarget` (reward −(a − x)², a ∈ [−2, 2]) `predict` is the Gaussian's mean clipped to
    /// the Box, read from a rollout at the same θ, and ignores the stream. Training moves it towards
    /// x: after 2,048 steps the mean |a − x| over x ∈ {−0.8, −0.4, 0, 0.4, 0.8} is below 0.25 and
    /// below half the untrained agent's (measured: 0.129 against 0.478).
    @Test func predictIsTheMeanOfTheTrainedGaussian() throws {
        let trained = try toyAgent(ToyEnvironments.targetID, seed: 4, timesteps: 2048)
        let untrained = try toyAgent(ToyEnvironments.targetID, seed: 4, timesteps: 0)
        let buffer = try trained.trainer.collectRollout()
        for row in 0..<buffer.rows {
            let mean = min(max(buffer.policyOutputs[row], -2), 2)
            #expect(trained.predict(observation: [buffer.observations[row]]) == .continuous([mean]), "row \(row)")
        }
        func error(_ agent: Agent) -> Double {
            let targets: [Float] = [-0.8, -0.4, 0, 0.4, 0.8]
            return targets.reduce(0) { total, x in
                guard case .continuous(let a) = agent.predict(observation: [x]) else { return .infinity }
                return total + abs(Double(a[0]) - Double(x)) / Double(targets.count)
            }
        }
        var stream = RandomStream(seed: 1)
        #expect(trained.predict(observation: [0.3], deterministic: true, stream: &stream) == trained.predict(observation: [0.3]))
        #expect(error(trained) < 0.25 && error(trained) < 0.5 * error(untrained), "\(error(trained)) vs \(error(untrained))")
    }
}
