import DenseLinearAlgebra
import Environments
import Policies
import Testing
@testable import PolicyOptimization
import TrainingSettings

/// A rule written outside the library: the step along the gradient itself (not F⁻¹g) scaled to
/// the trust region's size in the Fisher metric, Δθ = √(2δ/gᵀFg)·g, halved until the mean KL is
/// within 2δ. It counts its updates, to show that a rule's own state reaches checkpoints.
struct FisherScaledGradientRule: PolicyUpdateRule {
    var delta = 0.01
    var updates: Int64 = 0

    mutating func update(_ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream)
        -> PolicyUpdateMetrics
    {
        var metrics = PolicyUpdateMetrics()
        let old = parameters
        let (_, weights) = Surrogate.evaluate(input.batch, for: input)
        let gradient = input.batch.gradient(logProbabilityWeights: weights)
        let curvature = VectorOperations.dot(gradient, input.batch.fisherVectorProduct(gradient, damping: 0))
        guard curvature > 0, curvature.isFinite else {
            metrics.skipReason = "gᵀFg = \(curvature)"
            return metrics
        }
        var length = (2 * delta / curvature).squareRoot()
        for attempt in 1...8 {
            parameters = old
            VectorOperations.axpy(Float(length), gradient, &parameters)
            input.batch.evaluate(at: parameters)
            metrics.klDivergence = input.batch.divergence(from: input.oldDistribution).mean
            metrics.lineSearchSteps = attempt
            if metrics.klDivergence <= 2 * delta { break }
            length /= 2
        }
        updates += 1
        return metrics
    }

    var state: UpdateRuleState { UpdateRuleState(integers: ["updates": [updates]]) }

    mutating func restore(_ state: UpdateRuleState) throws {
        updates = state.integers["updates"]?.first ?? 0
    }
}

@Suite struct CustomRuleTests {
    /// The trainer runs a rule it has never seen: CartPole-v1, seed 0, 24 iterations of 1,024
    /// steps with the zoo's settings otherwise. Random play lasts about 20 steps; the deterministic
    /// policy afterwards must average ≥ 150 over 10 episodes, and the rule's state comes back from
    /// the trainer's state.
    @Test func trainerAcceptsARuleDefinedOutsideTheLibrary() throws {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1")
        configuration.policyHiddenWidths = [32]
        configuration.valueHiddenWidths = [32]
        configuration.criticEpochs = 5
        let environment = try VectorEnvironment(id: "CartPole-v1", count: configuration.environmentCopies)
        let trainer = try OnPolicyTrainer(
            environment: environment, configuration: configuration, updateRule: FisherScaledGradientRule(), seed: 0)
        for _ in 0..<24 { _ = try trainer.runIteration() }
        let returns = try PolicySnapshot(trainer: trainer, normalizer: nil)
            .evaluate(on: makeEnvironment("CartPole-v1"), episodes: 10, seed: 0)
        let mean = returns.reduce(0, +) / Double(returns.count)
        #expect(mean >= 150, "evaluation returns \(returns)")
        #expect(try trainer.state().ruleState.integers["updates"] == [24])
    }
}
