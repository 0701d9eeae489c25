import DenseLinearAlgebra
import Foundation
import NeuralNetworks
import Policies
import Testing
import _TestSupport
@testable import PolicyOptimization
import TrainingSettings

@Suite("Update rules on toy batches")
struct UpdateRuleTests {
    @Test(arguments: [CategoricalDistribution(actionCount: 3), DiagonalGaussianDistribution(dimension: 2)] as [any PolicyDistribution])
    func euclideanStepHasHalfSquaredNormDeltaAlongTheGradient(distribution: any PolicyDistribution) {
        let problem = ToyUpdateProblem(distribution: distribution)
        var configuration = TrainingConfiguration()
        configuration.euclideanDelta = 0.003
        let gradient = problem.batch().gradient(
            logProbabilityWeights: problem.advantages.map { $0 / Double(problem.rows) })
        let result = problem.step(
            VanillaPolicyGradientUpdate(step: .euclideanTrustRegion, settings: configuration.vanillaPolicyGradientSettings))
        var step = result.parameters
        VectorOperations.axpy(-1, problem.parameters, &step)
        let halfSquaredNorm = 0.5 * VectorOperations.dot(step, step)
        // Float parameters: the step is exact to about 1e-7 relative per coordinate.
        #expect(abs(halfSquaredNorm - 0.003) / 0.003 < 1e-4)
        let cosine = VectorOperations.dot(step, gradient) / (VectorOperations.norm(step) * VectorOperations.norm(gradient))
        #expect(cosine > 1 - 1e-5)
        #expect(result.metrics.surrogateImprovement > 0, "a small step along g improves the surrogate")
        #expect(result.rule.optimizer == nil, "the Euclidean form does not touch Adam")
    }

    @Test func adamFormTakesOneAdamStepOfSizeLearningRateUpTheGradient() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3))
        var configuration = TrainingConfiguration()
        configuration.policyLearningRate = 1e-3
        let gradient = problem.batch().gradient(
            logProbabilityWeights: problem.advantages.map { $0 / Double(problem.rows) })
        let result = problem.step(VanillaPolicyGradientUpdate(step: .adam, settings: configuration.vanillaPolicyGradientSettings))
        #expect(result.rule.optimizer?.step == 1 && result.metrics.optimizerSteps == 1)
        #expect(result.rule.optimizer?.learningRate == 1e-3, "pi_lr overrides learning_rate")
        // Adam's first step is lr · g/(|g| + ε) per coordinate (the rule's ε is SB3's 1e-5): nearly a
        // step of lr along sign(g).
        var checked = 0
        for index in gradient.indices where abs(gradient[index]) > 1e-4 {
            let moved = result.parameters[index] - problem.parameters[index]
            let expected = 1e-3 * abs(gradient[index]) / (abs(gradient[index]) + 1e-5)
            #expect(abs(abs(moved) - expected) < 1e-6 && (moved > 0) == (gradient[index] > 0), "coordinate \(index)")
            checked += 1
        }
        #expect(checked > problem.parameters.count / 2)
    }

    @Test func clippedObjectiveZeroesClippedRowsAndMatchesTheSurrogateInside() {
        let problem = ToyUpdateProblem(distribution: DiagonalGaussianDistribution(dimension: 2), rows: 48)
        let old = problem.batch()
        let oldLogProbabilities = old.logProbabilities()
        var stream = RandomStream(seed: 3)
        let moved = problem.parameters.map { $0 + 0.1 * Float(stream.nextNormal()) }
        let batch = problem.batch(at: moved)
        let clipRange = 0.1
        let objective = ProximalPolicyUpdate.clippedObjective(
            logProbabilities: batch.logProbabilities(), oldLogProbabilities: oldLogProbabilities,
            advantages: problem.advantages, clipRange: clipRange)
        let surrogate = Surrogate.evaluate(batch, oldLogProbabilities: oldLogProbabilities, advantages: problem.advantages)
        var (clipped, inside) = (0, 0)
        for (row, logProbability) in batch.logProbabilities().enumerated() {
            let ratio = exp(logProbability - oldLogProbabilities[row])
            let advantage = problem.advantages[row]
            if (advantage > 0 && ratio > 1 + clipRange) || (advantage < 0 && ratio < 1 - clipRange) {
                #expect(objective.weights[row] == 0, "row \(row) is clipped")
                clipped += 1
            } else {
                #expect(objective.weights[row] == surrogate.weights[row], "row \(row) follows rÂ/N")
                if abs(ratio - 1) <= clipRange { inside += 1 }
            }
        }
        #expect(clipped > 3 && inside > 3, "the perturbation puts rows on both sides of the clip")

        // The gradient from the weights is L^CLIP's gradient: directional derivatives along unit
        // vectors against central differences with h = 5e-4. L^CLIP has kinks where a ratio crosses
        // 1 ± ε, so directions along which some row crosses one are skipped (and counted).
        // Float network: agreement to 1e-3 + 1%.
        let gradient = batch.gradient(logProbabilityWeights: objective.weights)
        func evaluate(_ theta: [Float]) -> (value: Double, clippedRows: [Bool]) {
            let result = ProximalPolicyUpdate.clippedObjective(
                logProbabilities: problem.batch(at: theta).logProbabilities(), oldLogProbabilities: oldLogProbabilities,
                advantages: problem.advantages, clipRange: clipRange)
            return (result.value, result.weights.map { $0 == 0 })
        }
        let clippedRows = objective.weights.map { $0 == 0 }
        var compared = 0
        for _ in 0..<20 where compared < 4 {
            var direction = moved.map { _ in Float(stream.nextNormal()) }
            VectorOperations.scale(&direction, by: Float(1 / VectorOperations.norm(direction)))
            var plus = moved, minus = moved
            VectorOperations.axpy(5e-4, direction, &plus)
            VectorOperations.axpy(-5e-4, direction, &minus)
            let (upper, lower) = (evaluate(plus), evaluate(minus))
            guard upper.clippedRows == clippedRows && lower.clippedRows == clippedRows else { continue }
            let numeric = (upper.value - lower.value) / 1e-3
            let analytic = VectorOperations.dot(gradient, direction)
            #expect(abs(numeric - analytic) <= 1e-3 + 0.01 * abs(analytic), "\(numeric) vs \(analytic)")
            compared += 1
        }
        #expect(compared == 4, "most directions cross no clip boundary")
    }

    @Test func ppoRunsEveryMinibatchOfEveryEpochWithoutTargetKL() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3))
        var configuration = TrainingConfiguration.zooDefaults(for: "none", algorithm: .ppo)
        configuration.batchSize = 40  // 96 rows: minibatches of 40, 40 and 16
        configuration.epochs = 3
        let result = problem.step(ProximalPolicyUpdate(settings: configuration.proximalPolicySettings))
        #expect(result.metrics.optimizerSteps == 9 && result.rule.optimizer?.step == 9)
        #expect(result.metrics.surrogateImprovement > 0)
        #expect(result.metrics.klDivergence > 0 && result.metrics.approximateKL > 0)
        #expect((0...1).contains(result.metrics.clipFraction))
    }

    @Test func ppoStopsEarlyWhenApproximateKLPassesOneAndAHalfTargets() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3))
        var configuration = TrainingConfiguration.zooDefaults(for: "none", algorithm: .ppo)
        configuration.batchSize = 32
        configuration.learningRate = 1e-2
        // At θ_old approx_kl is 0, so the first minibatch steps; after it the KL exceeds 1.5e-6.
        configuration.targetKL = 1e-6
        let stopped = problem.step(ProximalPolicyUpdate(settings: configuration.proximalPolicySettings))
        #expect(stopped.metrics.optimizerSteps == 1)
        #expect(stopped.metrics.approximateKL > 0, "the mean includes the stopping minibatch")
        configuration.targetKL = 10
        #expect(problem.step(ProximalPolicyUpdate(settings: configuration.proximalPolicySettings)).metrics.optimizerSteps == 30)
    }
}
