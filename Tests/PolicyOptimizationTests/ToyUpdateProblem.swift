import DenseLinearAlgebra
import NeuralNetworks
import Policies
@testable import PolicyOptimization

/// A small synthetic batch for update rules: random states, actions sampled from π_old, random
/// advantages, with log π_old taken from the batch itself so that rᵢ = 1 exactly at θ_old.
struct ToyUpdateProblem {
    let policy: Policy
    let parameters: [Float]
    let observations: [Float]
    let actions: [Float]
    let advantages: [Double]
    let rows: Int

    init(distribution: any PolicyDistribution, rows: Int = 96, seed: UInt64 = 11) {
        var stream = RandomStream(seed: seed)
        let observationWidth = 3
        policy = Policy(observationWidth: observationWidth, hiddenWidths: [8], activation: .tanh, distribution: distribution)
        parameters = policy.initialParameters(logStdInit: -0.3, stream: &stream)
        observations = (0..<(rows * observationWidth)).map { _ in Float(stream.nextNormal()) }
        actions = policy.act(
            parameters: parameters, observations: observations, rows: rows, deterministic: false, stream: &stream,
            evaluator: policy.makeActingEvaluator(rows: rows)
        ).actions
        advantages = (0..<rows).map { _ in stream.nextNormal() }
        self.rows = rows
    }

    /// A fresh batch evaluated at `at` (θ_old by default).
    func batch(at point: [Float]? = nil) -> PolicyBatch {
        let batch = PolicyBatch(policy: policy, observations: observations, actions: actions, rows: rows)
        batch.evaluate(at: point ?? parameters)
        return batch
    }

    /// The input an update rule sees at θ_old.
    func input() -> PolicyUpdateInput {
        let batch = batch()
        return PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: batch.logProbabilities(),
            oldDistribution: batch.distributions, advantages: advantages, threads: 1)
    }

    /// Runs a fresh `rule` once from θ_old; returns θ_new, the metrics and the rule after the step.
    func step<Rule: PolicyUpdateRule>(_ rule: Rule) -> (parameters: [Float], metrics: PolicyUpdateMetrics, rule: Rule) {
        var rule = rule
        var theta = parameters
        var stream = RandomStream(seed: 5)
        let metrics = rule.update(input(), parameters: &theta, stream: &stream)
        return (theta, metrics, rule)
    }
}
