import DenseLinearAlgebra
import Environments
import Policies
import Testing
@testable import PolicyOptimization
import TrainingSettings

/// With two threads the policy step runs beside the critic fit, which starts from the stream the
/// rule predicts it will leave; the bits never depend on the thread count.
@Suite struct OverlapTests {
    /// PPO on CartPole-v1 (the zoo's settings, 2 copies × 64 steps, 4 epochs of 32-row minibatches).
    func ppoTrainer(threads: Int, targetKL: Double? = nil) throws -> OnPolicyTrainer {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .ppo)
        try configuration.set("n_envs", to: .integer(2))
        try configuration.set("n_steps", to: .integer(64))
        try configuration.set("n_epochs", to: .integer(4))
        try configuration.set("batch_size", to: .integer(32))
        if let targetKL { try configuration.set("target_kl", to: .real(targetKL)) }
        try configuration.validate()
        let environment = try VectorEnvironment(id: "CartPole-v1", count: configuration.environmentCopies)
        let trainer = try OnPolicyTrainer(environment: environment, configuration: configuration, seed: 3)
        trainer.threads = threads
        for _ in 0..<4 { _ = try trainer.runIteration() }
        return trainer
    }

    /// PPO's prediction is the stream its update leaves when no early stop ends the epochs, and not
    /// the stream it was given.
    @Test func ppoPredictsItsStream() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3), rows: 96)
        var settings = ProximalPolicySettings()
        settings.epochs = 3
        settings.batchSize = 32
        var rule = ProximalPolicyUpdate(settings: settings)
        let input = problem.input()
        let before = RandomStream(seed: 5)
        let prediction = rule.predictedStream(after: before, for: input)
        var stream = before, parameters = problem.parameters
        let metrics = rule.update(input, parameters: &parameters, stream: &stream)
        #expect(metrics.optimizerSteps == 9)
        #expect(prediction == stream)
        #expect(stream != before)
    }

    /// Two threads give one thread's θ, φ, Adam state and stream, and every iteration overlapped.
    @Test func ppoOverlapsAndKeepsTheBits() throws {
        let serial = try ppoTrainer(threads: 1)
        let overlapped = try ppoTrainer(threads: 2)
        #expect(overlapped.overlappedUpdates == 4)
        #expect(serial.overlappedUpdates == 0)
        #expect(overlapped.policyParameters == serial.policyParameters)
        #expect(overlapped.valueParameters == serial.valueParameters)
        #expect(overlapped.criticOptimizer.secondMoment == serial.criticOptimizer.secondMoment)
        #expect(overlapped.updateStream == serial.updateStream)
    }

    /// An early stop leaves fewer permutations drawn than predicted: the critic is refitted after
    /// the rule, the bits are still one thread's, and later iterations keep trying to overlap.
    @Test func earlyStopFallsBackToTheSerialOrder() throws {
        let serial = try ppoTrainer(threads: 1, targetKL: 1e-6)
        let overlapped = try ppoTrainer(threads: 2, targetKL: 1e-6)
        #expect(overlapped.overlappedUpdates < 4)
        #expect(!overlapped.updateRuleDrawsFromStream)
        #expect(overlapped.policyParameters == serial.policyParameters)
        #expect(overlapped.valueParameters == serial.valueParameters)
        #expect(overlapped.updateStream == serial.updateStream)
    }
}
