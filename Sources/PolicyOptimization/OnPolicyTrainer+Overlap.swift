import DenseLinearAlgebra
import NeuralNetworks
import Rollouts

// MARK: - The policy step beside the critic fit

extension OnPolicyTrainer {
    /// Fits the critic φ to `returns` with the run's settings (CriticFit), drawing minibatch
    /// orders from `stream`.
    func fitCritic(
        buffer: RolloutBuffer, returns: [Double], threads: Int, parameters: inout [Float], optimizer: inout Adam,
        stream: inout RandomStream
    ) -> Double {
        CriticFit.fit(
            network: valueNetwork, parameters: &parameters, optimizer: &optimizer,
            observations: buffer.observations, returns: returns, epochs: configuration.criticFitEpochs,
            batchSize: configuration.batchSize, maxGradientNorm: configuration.maxGradientNorm,
            clipping: configuration.clipRangeValue.map { ValueClipping(oldValues: buffer.values, range: $0) },
            threads: threads, reduction: reduction, stream: &stream)
    }

    /// The policy step and the critic fit at once, one on each of two threads (the critic's then
    /// helping the policy step's passes, `RegionHelper`), or nil, having changed nothing, when they
    /// cannot run so (or the run has other than two threads).
    ///
    /// Both read the same rollout and neither reads what the other writes, so they may overlap; what
    /// ties them is `updateStream`: the critic fit draws its minibatch orders after the rule. The
    /// critic therefore starts from the stream the rule predicts it will leave (PPO: one permutation
    /// per epoch), or from the stream as it is now for rules that predict nothing (TRPO's and NPG's
    /// steps draw nothing). If the rule left another stream (PPO stopped early), the critic's
    /// result is thrown away and the fit runs again after the rule as in a serial run; a rule
    /// without a prediction that drew stops overlapping for good. So the bits never depend on the
    /// thread count. With two threads, TRPO's serial work (Adam, reductions, CG's vector
    /// operations) no longer waits for the other phase's, and PPO's one-block minibatches of policy
    /// and critic run at once. A distributed run's reductions talk to other ranks in order, so it
    /// keeps the serial order.
    func updateBesideCriticFit(_ input: PolicyUpdateInput, buffer: RolloutBuffer, returns: [Double])
        -> (PolicyUpdateMetrics, Double)?
    {
        // With more threads, splitting each phase's passes over all of them may well beat two phases on one each.
        guard threads == 2, !updateRuleDrawsFromStream, reduction is LocalReduction else { return nil }
        let streamBefore = updateStream
        let prediction = updateRule.predictedStream(after: streamBefore, for: input)
        let expectedStream = prediction ?? streamBefore
        var rule = updateRule, policyParameters = self.policyParameters, policyStream = streamBefore
        var valueParameters = self.valueParameters, optimizer = criticOptimizer, criticStream = expectedStream
        var update: PolicyUpdateMetrics?
        var valueLoss = 0.0
        // The critic's thread, once its fit is done, helps the policy step's passes (whose batch
        // keeps its two threads), so neither core idles while the longer phase finishes.
        let helper = RegionHelper()
        Parallel.forEachChunk(count: 2, threads: 2) { chunk, _ in
            if chunk == 0 {
                update = helper.lend { rule.update(input, parameters: &policyParameters, stream: &policyStream) }
            } else {
                valueLoss = fitCritic(
                    buffer: buffer, returns: returns, threads: 1, parameters: &valueParameters,
                    optimizer: &optimizer, stream: &criticStream)
                helper.serve()
            }
        }
        guard let update else { return nil }
        (updateRule, self.policyParameters, updateStream) = (rule, policyParameters, policyStream)
        if policyStream == expectedStream {
            (self.valueParameters, criticOptimizer, updateStream) = (valueParameters, optimizer, criticStream)
            overlappedUpdates += 1
        } else {
            if prediction == nil { updateRuleDrawsFromStream = true }
            valueLoss = fitCritic(
                buffer: buffer, returns: returns, threads: threads, parameters: &self.valueParameters,
                optimizer: &criticOptimizer, stream: &updateStream)
        }
        return (update, valueLoss)
    }
}
