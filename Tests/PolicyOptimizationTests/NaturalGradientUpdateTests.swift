import DenseLinearAlgebra
import NeuralNetworks
import Policies
import Testing
@testable import PolicyOptimization

@Suite struct NaturalGradientUpdateTests {
    /// A batch of 64 random states with actions drawn from π_θ and random advantages.
    func problem(head: PolicyHead, seed: UInt64) -> (Policy, [Float], PolicyBatch, [Double], [Double]) {
        let policy = Policy(observationWidth: 3, hiddenWidths: [16], head: head)
        var stream = RandomStream(seed: seed)
        let theta = policy.initialParameters(stream: &stream).map { $0 + Float(stream.nextNormal() * 0.05) }
        let rows = 64
        let observations = (0..<(rows * 3)).map { _ in Float(stream.nextNormal()) }
        let workspace = MLPWorkspaceFactory.make(policy, rows: rows)
        let acted = policy.act(
            parameters: theta, observations: observations, rows: rows, deterministic: false, stream: &stream,
            workspace: workspace)
        let batch = PolicyBatch(policy: policy, observations: observations, actions: acted.actions, rows: rows)
        batch.evaluate(at: theta)
        let advantages = (0..<rows).map { _ in stream.nextNormal() }
        return (policy, theta, batch, acted.logProbabilities, advantages)
    }

    func input(_ policy: Policy, _ batch: PolicyBatch, _ logP: [Double], _ advantages: [Double],
               old: DistributionParameters? = nil, configure: (inout TrainingConfiguration) -> Void = { _ in })
        -> PolicyUpdateInput
    {
        var configuration = TrainingConfiguration()
        configure(&configuration)
        return PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: logP,
            oldDistribution: old ?? batch.distributionParameters, advantages: advantages,
            configuration: configuration, threads: 1)
    }

    /// An accepted TRPO step improves the surrogate and keeps the mean KL within δ.
    @Test(arguments: [PolicyHead.categorical(actionCount: 3), .diagonalGaussian(dimension: 2)])
    func acceptedStepImprovesWithinTrustRegion(head: PolicyHead) {
        let (policy, theta, batch, logP, advantages) = problem(head: head, seed: 1)
        let old = batch.distributionParameters
        var parameters = theta
        var rule = NaturalGradientUpdate(usesLineSearch: true)
        var stream = RandomStream(seed: 0)
        var optimizer = Adam(parameterCount: parameters.count)
        let metrics = rule.update(input(policy, batch, logP, advantages), parameters: &parameters, optimizer: &optimizer, stream: &stream)
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
        let (policy, theta, batch, logP, advantages) = problem(head: .categorical(actionCount: 3), seed: 2)
        var far = theta
        for index in far.indices { far[index] += index % 2 == 0 ? 1 : -1 }
        batch.evaluate(at: far)
        let farDistribution = batch.distributionParameters
        batch.evaluate(at: theta)
        #expect(batch.divergence(from: farDistribution).mean > 0.1)
        var parameters = theta
        var rule = NaturalGradientUpdate(usesLineSearch: true)
        var stream = RandomStream(seed: 0)
        var optimizer = Adam(parameterCount: parameters.count)
        let metrics = rule.update(
            input(policy, batch, logP, advantages, old: farDistribution), parameters: &parameters, optimizer: &optimizer, stream: &stream)
        #expect(!metrics.lineSearchSucceeded)
        #expect(metrics.lineSearchSteps == 10)
        #expect(parameters == theta)
    }

    /// NPG takes the full step βs: its predicted KL ½βsᵀFs is δ (so the actual KL is close to δ).
    @Test func naturalGradientTakesTheFullStep() {
        let (policy, theta, batch, logP, advantages) = problem(head: .diagonalGaussian(dimension: 2), seed: 3)
        var parameters = theta
        var rule = NaturalGradientUpdate(usesLineSearch: false)
        var stream = RandomStream(seed: 0)
        var optimizer = Adam(parameterCount: parameters.count)
        let metrics = rule.update(input(policy, batch, logP, advantages), parameters: &parameters, optimizer: &optimizer, stream: &stream)
        #expect(metrics.lineSearchSteps == 1 && metrics.lineSearchSucceeded)
        #expect(abs(metrics.klDivergence - 0.01) < 0.005)
    }

    /// A zero gradient (all advantages zero) skips the update and says why.
    @Test func zeroGradientSkips() {
        let (policy, theta, batch, logP, advantages) = problem(head: .categorical(actionCount: 3), seed: 4)
        var parameters = theta
        var rule = NaturalGradientUpdate(usesLineSearch: true)
        var stream = RandomStream(seed: 0)
        var optimizer = Adam(parameterCount: parameters.count)
        let metrics = rule.update(
            input(policy, batch, logP, advantages.map { _ in 0 }), parameters: &parameters, optimizer: &optimizer, stream: &stream)
        #expect(metrics.skipReason == "zero gradient")
        #expect(parameters == theta)
    }
}

enum MLPWorkspaceFactory {
    static func make(_ policy: Policy, rows: Int) -> MLPWorkspace { MLPWorkspace(network: policy.network, capacity: rows) }
}
