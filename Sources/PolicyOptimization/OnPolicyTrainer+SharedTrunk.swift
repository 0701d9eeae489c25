import DenseLinearAlgebra
import NeuralNetworks
import Rollouts

// MARK: - π and V on one trunk

extension OnPolicyTrainer {
    /// The update when π and V are two heads of one trunk (`share_features_extractor`): θ is both.
    ///
    /// A rule that fits the critic with π (PPO's joint loss, as SB3's) gets the critic's targets in
    /// `input.sharedCritic`; for any other rule the critic is fitted after it on the shared θ with
    /// the critic's Adam, which moves the trunk too (SB3-contrib's TRPO on a `CnnPolicy`). Returns
    /// the critic's loss. `rows` are the buffer's rows in the policy batch, nil for a vine batch
    /// (whose rows are not the trunk's, so its critic is fitted after the rule).
    func updateSharedTrunk(
        _ input: inout PolicyUpdateInput, metrics: inout IterationMetrics, buffer: RolloutBuffer, rows: [Int]?,
        returns: [Double]
    ) -> Double {
        if let rows {
            let gathered = rows.count == buffer.rows ? returns : rows.map { returns[$0] }
            let clipping = configuration.clipRangeValue.map { range in
                ValueClipping(oldValues: rows.count == buffer.rows ? buffer.values : rows.map { buffer.values[$0] }, range: range)
            }
            input.sharedCritic = SharedCriticTarget(
                network: valueNetwork, returns: gathered, clipping: clipping, coefficient: configuration.valueCoefficient,
                heads: JointHeads(policy: policy.network, critic: valueNetwork))
        }
        metrics.update = updateRule.update(input, parameters: &policyParameters, stream: &updateStream)
        valueParameters = policyParameters
        if let loss = metrics.update.criticLoss { return loss }
        let loss = fitCritic(
            buffer: buffer, returns: returns, threads: threads, parameters: &valueParameters,
            optimizer: &criticOptimizer, stream: &updateStream)
        policyParameters = valueParameters
        return loss
    }
}
