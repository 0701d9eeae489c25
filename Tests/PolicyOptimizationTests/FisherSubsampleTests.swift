import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Testing
@testable import PolicyOptimization
import TrainingSettings

/// Fisher-vector products on every k-th row (Schulman et al. 2015, Appendix C), the gradient and
/// the line search on every row.
@Suite struct FisherSubsampleTests {
    /// Every `factor`-th row of `problem`'s batch, evaluated at θ_old.
    func subsample(_ problem: ToyUpdateProblem, factor: Int) -> PolicyBatch {
        let rows = Array(stride(from: 0, to: problem.rows, by: factor))
        let width = problem.observations.count / problem.rows
        let batch = PolicyBatch(
            policy: problem.policy, observations: rows.flatMap { problem.observations[($0 * width)..<(($0 + 1) * width)] },
            actions: rows.flatMap { [problem.actions[$0]] }, rows: rows.count)
        batch.evaluate(at: problem.parameters)
        return batch
    }

    /// NPG's step d = βs has ½ dᵀ(F + λI)d = δ for the F that CG used: with a subsample, the
    /// subsample's F (to float rounding), not the whole batch's (which differs by more than 1%
    /// here); with the whole batch handed in as its own subsample, the step of no subsample, bit for bit.
    @Test func conjugateGradientUsesTheSubsamplesFisherMatrix() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3), rows: 96)
        var settings = NaturalGradientSettings()
        settings.usesLineSearch = false
        func step(fisherBatch: PolicyBatch?) -> [Float] {
            var input = problem.input()
            input.fisherBatch = fisherBatch
            var theta = problem.parameters
            var rule = NaturalGradientUpdate(settings: settings)
            var stream = RandomStream(seed: 5)
            let metrics = rule.update(input, parameters: &theta, stream: &stream)
            #expect(metrics.skipReason == nil)
            return theta
        }
        func halfQuadraticForm(_ batch: PolicyBatch, _ step: [Float]) -> Double {
            let difference = zip(step, problem.parameters).map { $0 - $1 }
            let product = batch.fisherVectorProduct(difference, damping: Float(settings.damping))
            return 0.5 * VectorOperations.dot(difference, product)
        }
        let whole = step(fisherBatch: nil)
        #expect(step(fisherBatch: problem.batch()) == whole)

        let quarter = subsample(problem, factor: 4)
        #expect(quarter.rows == 24)
        let subsampled = step(fisherBatch: quarter)
        #expect(subsampled != whole)
        let delta = settings.maxKL
        #expect(abs(halfQuadraticForm(quarter, subsampled) - delta) < 1e-4 * delta)
        #expect(abs(halfQuadraticForm(problem.batch(), subsampled) - delta) > 1e-2 * delta)
        #expect(abs(halfQuadraticForm(problem.batch(), whole) - delta) < 1e-4 * delta)
    }

    func trpoConfiguration(factor: Int) throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .trpo)
        try configuration.set("n_envs", to: .integer(2))
        try configuration.set("n_steps", to: .integer(128))
        try configuration.set("fisher_sub_sampling_factor", to: .integer(factor))
        try configuration.validate()
        return configuration
    }

    func run(factor: Int, threads: Int) throws -> OnPolicyTrainer {
        let configuration = try trpoConfiguration(factor: factor)
        let environment = try VectorEnvironment(id: "CartPole-v1", count: configuration.environmentCopies)
        let trainer = try OnPolicyTrainer(environment: environment, configuration: configuration, seed: 7)
        trainer.threads = threads
        for _ in 0..<3 { _ = try trainer.runIteration() }
        return trainer
    }

    /// The trainer hands the rule every k-th row; the run changes with k and its bits do not depend
    /// on the thread count (with two threads the policy step runs beside the critic fit).
    @Test func trainerSubsamplesAndStaysThreadInvariant() throws {
        let whole = try run(factor: 1, threads: 1)
        let fifth = try run(factor: 5, threads: 1)
        #expect(fifth.policyParameters != whole.policyParameters)
        let fifthOnTwoThreads = try run(factor: 5, threads: 2)
        #expect(fifthOnTwoThreads.policyParameters == fifth.policyParameters)
        #expect(fifthOnTwoThreads.valueParameters == fifth.valueParameters)

        let batch = PolicyBatch(
            policy: fifth.policy, observations: (0..<(23 * 4)).map { Float($0) / 50 },
            actions: (0..<23).map { Float($0 % 2) }, rows: 23)
        let fisherBatch = try #require(fifth.makeFisherBatch(of: batch))
        #expect(fisherBatch.rows == 5)  // rows 0, 5, 10, 15, 20
        #expect(fisherBatch.actions == [0, 5, 10, 15, 20].map { batch.actions[$0] })
    }

    /// The key round-trips, and rules that compute no Fisher-vector products refuse it.
    @Test func keyValidates() throws {
        var configuration = try trpoConfiguration(factor: 10)
        #expect(configuration.fisherSubSamplingFactor == 10)
        #expect(configuration.keyValues.first { $0.key == "fisher_sub_sampling_factor" }?.value == .integer(10))
        #expect(throws: ConfigurationError.self) { try configuration.set("fisher_sub_sampling_factor", to: .integer(0)) }
        configuration.algorithm = .ppo
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
