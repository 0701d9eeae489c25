import DenseLinearAlgebra
import NeuralNetworks
import Policies
import Testing
@testable import PolicyOptimization

@Suite struct NaturalGradientUpdateTests {
    /// A batch of 64 random states with actions drawn from π_θ and random advantages.
    func problem(distribution: any PolicyDistribution, seed: UInt64) -> (Policy, [Float], PolicyBatch, [Double], [Double]) {
        let policy = Policy(observationWidth: 3, hiddenWidths: [16], distribution: distribution)
        var stream = RandomStream(seed: seed)
        let theta = policy.initialParameters(stream: &stream).map { $0 + Float(stream.nextNormal() * 0.05) }
        let rows = 64
        let observations = (0..<(rows * 3)).map { _ in Float(stream.nextNormal()) }
        let acted = policy.act(
            parameters: theta, observations: observations, rows: rows, deterministic: false, stream: &stream,
            evaluator: policy.makeActingEvaluator(rows: rows))
        let batch = PolicyBatch(policy: policy, observations: observations, actions: acted.actions, rows: rows)
        batch.evaluate(at: theta)
        let advantages = (0..<rows).map { _ in stream.nextNormal() }
        return (policy, theta, batch, acted.logProbabilities, advantages)
    }

    func input(_ policy: Policy, _ batch: PolicyBatch, _ logP: [Double], _ advantages: [Double],
               old: (any DistributionBatch)? = nil) -> PolicyUpdateInput
    {
        PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: logP, oldDistribution: old ?? batch.distributions,
            advantages: advantages, threads: 1)
    }

    func rule(lineSearch: Bool) -> NaturalGradientUpdate {
        var settings = NaturalGradientSettings()
        settings.usesLineSearch = lineSearch
        return NaturalGradientUpdate(settings: settings)
    }

    /// An accepted TRPO step improves the surrogate and keeps the mean KL within δ.
    @Test(arguments: [CategoricalDistribution(actionCount: 3), DiagonalGaussianDistribution(dimension: 2)] as [any PolicyDistribution])
    func acceptedStepImprovesWithinTrustRegion(distribution: any PolicyDistribution) {
        let (policy, theta, batch, logP, advantages) = problem(distribution: distribution, seed: 1)
        let old = batch.distributions
        var parameters = theta
        var rule = rule(lineSearch: true)
        var stream = RandomStream(seed: 0)
        let metrics = rule.update(input(policy, batch, logP, advantages), parameters: &parameters, stream: &stream)
        #expect(metrics.lineSearchSucceeded)
        #expect(metrics.surrogateImprovement > 0)
        #expect(metrics.klDivergence <= 0.01 && metrics.klDivergence > 0.001)
        #expect(parameters != theta)
        // The reported KL is the KL of the returned parameters.
        batch.evaluate(at: parameters)
        #expect(abs(batch.divergence(from: old).mean - metrics.klDivergence) < 1e-12)
    }

    /// With π_old far from θ (so every candidate violates the KL bound), the line search fails and
    /// θ_old comes back bit for bit.
    @Test func failedLineSearchRestoresParametersExactly() {
        let (policy, theta, batch, logP, advantages) = problem(distribution: CategoricalDistribution(actionCount: 3), seed: 2)
        var far = theta
        for index in far.indices { far[index] += index % 2 == 0 ? 1 : -1 }
        batch.evaluate(at: far)
        let farDistribution = batch.distributions
        batch.evaluate(at: theta)
        #expect(batch.divergence(from: farDistribution).mean > 0.1)
        var parameters = theta
        var rule = rule(lineSearch: true)
        var stream = RandomStream(seed: 0)
        let metrics = rule.update(
            input(policy, batch, logP, advantages, old: farDistribution), parameters: &parameters, stream: &stream)
        #expect(!metrics.lineSearchSucceeded)
        #expect(metrics.lineSearchSteps == 10)
        #expect(parameters == theta)
    }

    /// NPG takes the full step βs: its predicted KL ½βsᵀFs is δ (so the actual KL is close to δ).
    @Test func naturalGradientTakesTheFullStep() {
        let (policy, theta, batch, logP, advantages) = problem(distribution: DiagonalGaussianDistribution(dimension: 2), seed: 3)
        var parameters = theta
        var rule = rule(lineSearch: false)
        var stream = RandomStream(seed: 0)
        let metrics = rule.update(input(policy, batch, logP, advantages), parameters: &parameters, stream: &stream)
        #expect(metrics.lineSearchSteps == 1 && metrics.lineSearchSucceeded)
        #expect(abs(metrics.klDivergence - 0.01) < 0.005)
    }

    /// A zero gradient (all advantages zero) skips the update and says why.
    @Test func zeroGradientSkips() {
        let (policy, theta, batch, logP, advantages) = problem(distribution: CategoricalDistribution(actionCount: 3), seed: 4)
        var parameters = theta
        var rule = rule(lineSearch: true)
        var stream = RandomStream(seed: 0)
        let metrics = rule.update(
            input(policy, batch, logP, advantages.map { _ in 0 }), parameters: &parameters, stream: &stream)
        #expect(metrics.skipReason == "zero gradient")
        #expect(parameters == theta)
    }
}
