import DenseLinearAlgebra
import Policies
import Testing
@testable import PolicyOptimization

/// A categorical policy whose probabilities rounded to 0 and 1 has no gradient and no Fisher
/// information: TRPO keeps θ_old and says that the policy is deterministic, as no later update can
/// move it (what TRPO on Breakout with the Atari defaults reached in 100k steps).
@Suite struct DeterministicPolicyTests {
    @Test func trpoReportsADeterministicPolicy() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3), rows: 32)
        // Logits a million times larger: each row's largest wins by far more than Double's exp can see.
        let saturated = problem.parameters.map { $0 * 1e6 }
        var stream = RandomStream(seed: 2)
        let actions = problem.policy.act(
            parameters: saturated, observations: problem.observations, rows: problem.rows, deterministic: true,
            stream: &stream, evaluator: problem.policy.makeActingEvaluator(rows: problem.rows)
        ).actions
        let batch = PolicyBatch(policy: problem.policy, observations: problem.observations, actions: actions, rows: problem.rows)
        batch.evaluate(at: saturated)
        #expect(batch.meanEntropy() < 1e-6)
        let input = PolicyUpdateInput(
            policy: problem.policy, batch: batch, oldLogProbabilities: batch.logProbabilities(),
            oldDistribution: batch.distributions, advantages: problem.advantages, threads: 1)
        var rule = NaturalGradientUpdate(settings: NaturalGradientSettings())
        var parameters = saturated
        let metrics = rule.update(input, parameters: &parameters, stream: &stream)
        #expect(parameters == saturated)
        #expect(!metrics.lineSearchSucceeded)
        #expect(metrics.skipReason?.contains("the policy is deterministic on this batch") == true)

        // A stochastic policy's skip (no advantage, so no gradient) does not say so.
        let flat = PolicyUpdateInput(
            policy: problem.policy, batch: problem.batch(), oldLogProbabilities: problem.batch().logProbabilities(),
            oldDistribution: problem.batch().distributions, advantages: problem.advantages.map { _ in 0 }, threads: 1)
        var unchanged = problem.parameters
        let skipped = rule.update(flat, parameters: &unchanged, stream: &stream)
        #expect(skipped.skipReason == "zero gradient")
    }
}
