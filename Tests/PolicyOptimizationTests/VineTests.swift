import DenseLinearAlgebra
import Environments
import Policies
import Testing
import _TestSupport
@testable import PolicyOptimization
import TrainingSettings
@testable import Rollouts

@Suite struct VineTests {
    /// The self-normalised estimator's weights are its gradient in log π: central differences of
    /// L(log π + h eᵢ) agree to 1e-8; at θ_old (all ratios 1) L_n is the mean of the group's Q̂.
    @Test func selfNormalizedWeightsAreItsGradient() {
        var stream = RandomStream(seed: 5)
        let groupSize = 4, groups = 3
        let old = (0..<(groupSize * groups)).map { _ in stream.nextNormal() }
        let current = old.map { $0 + 0.3 * stream.nextNormal() }
        let values = old.map { _ in stream.nextNormal() * 3 }
        let (_, weights) = Surrogate.selfNormalized(current, oldLogProbabilities: old, values: values, groupSize: groupSize)
        let slopes = centralDifferenceGradient(
            of: { Surrogate.selfNormalized($0, oldLogProbabilities: old, values: values, groupSize: groupSize).value },
            at: current, step: 1e-6)
        for index in current.indices {
            #expect(abs(slopes[index] - weights[index]) < 1e-8, "log-probability \(index)")
        }
        let atOld = Surrogate.selfNormalized(old, oldLogProbabilities: old, values: values, groupSize: groupSize).value
        let means = (0..<groups).map { g in values[(g * groupSize)..<((g + 1) * groupSize)].reduce(0, +) / Double(groupSize) }
        #expect(abs(atOld - means.reduce(0, +) / Double(groups)) < 1e-12)
    }

    func vineTrainer(_ id: String, threads: Int = 1) throws -> OnPolicyTrainer {
        var configuration = TrainingConfiguration.zooDefaults(for: id)
        configuration.sampler = .vine
        configuration.stepsPerCopy = 64
        configuration.vine.states = 12
        configuration.vine.horizon = 20
        configuration.policyHiddenWidths = [8]
        configuration.valueHiddenWidths = [8]
        configuration.criticEpochs = 1
        return try Agent(environment: id, algorithm: .trpo, configuration: configuration, seed: 3, threads: threads).trainer
    }

    /// The rollout set, branches and Q̂ are the same on any thread count; enumerated CartPole
    /// branches give both actions at every state with baselines that average out under π_old.
    @Test func branchesAreDeterministicAndEnumerateDiscreteActions() throws {
        var samples: [VineSample] = []
        for threads in [1, 2] {
            let trainer = try vineTrainer("CartPole-v1", threads: threads)
            let sampler = VineSampler(settings: trainer.configuration.vine, seed: trainer.seed)
            var rolloutSet: VineRolloutSet? = sampler.rolloutSet(iteration: 0, batchRows: trainer.configuration.batchRows)
            let trunk = try trainer.collect(recording: &rolloutSet)
            samples.append(try sampler.branches(
                try #require(rolloutSet), trunk: trunk, environment: trainer.environment, models: trainer.actingModels,
                discount: trainer.configuration.discount, iteration: 0, threads: threads))
        }
        #expect(samples[0].values == samples[1].values && samples[0].actions == samples[1].actions)
        let sample = samples[0]
        #expect(sample.enumerated && sample.actionsPerState == 2)
        #expect(sample.actions == [Float](repeating: 0, count: 12).enumerated().flatMap { _ in [0, 1] })
        #expect(sample.oldLogProbabilities.allSatisfy { $0 == 0 })
        #expect(sample.simulatedSteps > 0 && sample.simulatedSteps <= 12 * 2 * 20)
    }

    /// Common random numbers: two branches with the same first action from the same state give the
    /// same Q̂ (same snapshot, same policy stream), on a stochastic continuous-action environment.
    @Test func commonRandomNumbersMakeIdenticalBranchesAgree() throws {
        let trainer = try vineTrainer("Pendulum-v1")
        let sampler = VineSampler(settings: trainer.configuration.vine, seed: trainer.seed)
        var rolloutSet: VineRolloutSet? = sampler.rolloutSet(iteration: 0, batchRows: trainer.configuration.batchRows)
        let trunk = try trainer.collect(recording: &rolloutSet)
        let set = try #require(rolloutSet)
        let context = BranchContext(
            models: trainer.actingModels, environment: try #require(trainer.environment as? any BranchingVectorEnvironment),
            discount: trainer.configuration.discount, horizon: trainer.configuration.vine.horizon, enumerated: false,
            actionsPerState: 3, seed: trainer.seed, iteration: 0)
        let environment = try makeEnvironment("Pendulum-v1")
        let workspace = trainer.policy.makeActingEvaluator(rows: 1)
        let observation = Array(trunk.observations[(set.rows[0] * 3)..<((set.rows[0] + 1) * 3)])
        let first = try context.branches(
            from: set.snapshots[0], observation: observation, state: 0, environment: environment, evaluator: workspace)
        let again = try context.branches(
            from: set.snapshots[0], observation: observation, state: 0, environment: environment, evaluator: workspace)
        #expect(first.values == again.values)
        #expect(Set(first.values).count == 3, "different first actions give different Q̂")
        // The same state with a different state key draws other later actions, so other Q̂.
        let otherStream = try context.branches(
            from: set.snapshots[0], observation: observation, state: 1, environment: environment, evaluator: workspace)
        #expect(otherStream.values != first.values)
    }

    /// A few vine iterations run end to end (the self-normalised estimator on Pendulum) and every
    /// accepted step respects δ.
    @Test func vineIterationsRespectTheTrustRegion() throws {
        let trainer = try vineTrainer("Pendulum-v1")
        for _ in 0..<3 {
            let metrics = try trainer.runIteration()
            if metrics.update.lineSearchSucceeded { #expect(metrics.update.klDivergence <= trainer.configuration.naturalGradientSettings.maxKL) }
            #expect(metrics.simulatedTimesteps > metrics.totalTimesteps)
        }
    }
}
