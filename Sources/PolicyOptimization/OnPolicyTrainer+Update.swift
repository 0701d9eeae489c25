import DenseLinearAlgebra
import Policies
import Rollouts

// MARK: - Learning from a rollout

extension OnPolicyTrainer {
    /// GAE, the policy update by the rule, then the critic fit (side by side on two threads when
    /// that gives the same bits, `updateBesideCriticFit`).
    public func train(on buffer: RolloutBuffer) -> IterationMetrics { train(on: buffer, vine: nil) }

    /// As `train(on:)`; with a vine sample the policy step uses the branches' Q̂ instead of the
    /// trunk's advantages (the critic is still fitted on the trunk).
    func train(on buffer: RolloutBuffer, vine: VineSample?) -> IterationMetrics {
        var metrics = IterationMetrics()
        let (rawAdvantages, returns) = GeneralizedAdvantageEstimation.compute(
            buffer, discount: configuration.discount, lambda: configuration.gaeLambda)
        metrics.explainedVariance = CriticFit.explainedVariance(values: buffer.values, returns: returns)
        let advantages = configuration.normalizeAdvantage
            ? GeneralizedAdvantageEstimation.standardize(rawAdvantages, reduction: reduction) : rawAdvantages

        let rows = subsampledRows(buffer.rows)
        var input = vine.map(makeVineUpdateInput) ?? makeUpdateInput(buffer: buffer, rows: rows, advantages: advantages)
        input.fisherBatch = makeFisherBatch(of: input.batch)
        (input.episodes, iterationEpisodes) = (iterationEpisodes, [])
        input.timestepsAfterCollection = totalTimesteps + buffer.rows
        metrics.entropy = input.batch.meanEntropy()
        metrics.policyStandardDeviation = policy.distribution.meanStandardDeviation(
            extraParameters: input.batch.extraParameters)
        applySchedules(timestepsAfterCollection: totalTimesteps + buffer.rows)
        // A diverged fit (non-finite φ, e.g. from an absurd learning rate) is undone, so NaN never
        // reaches the advantages of the next iteration or a checkpoint.
        let (oldValueParameters, oldCriticOptimizer) = (valueParameters, criticOptimizer)
        if configuration.sharesFeatures {
            metrics.valueLoss = updateSharedTrunk(
                &input, metrics: &metrics, buffer: buffer, rows: vine == nil ? rows : nil, returns: returns)
        } else if let overlapped = updateBesideCriticFit(input, buffer: buffer, returns: returns) {
            (metrics.update, metrics.valueLoss) = overlapped
        } else {
            metrics.update = updateRule.update(input, parameters: &policyParameters, stream: &updateStream)
            metrics.valueLoss = fitCritic(
                buffer: buffer, returns: returns, threads: threads, parameters: &valueParameters,
                optimizer: &criticOptimizer, stream: &updateStream)
        }
        if !VectorOperations.allFinite(valueParameters) || !VectorOperations.allFinite(criticOptimizer.secondMoment) {
            (valueParameters, criticOptimizer) = (oldValueParameters, oldCriticOptimizer)
            if configuration.sharesFeatures { policyParameters = oldValueParameters }
            metrics.criticFitSkipReason = "critic fit diverged (non-finite parameters, value loss \(metrics.valueLoss)); φ_old kept"
        }
        return metrics
    }

    /// The rows the policy step uses: every k-th (SB3-contrib's sub_sampling_factor).
    func subsampledRows(_ count: Int) -> [Int] {
        Array(stride(from: 0, to: count, by: max(configuration.subSamplingFactor, 1)))
    }

    /// Every k-th row of the policy batch (k = `fisherSubSamplingFactor`), evaluated at θ_old, for
    /// CG's Fisher-vector products; nil when k = 1 (the products then use the whole batch).
    func makeFisherBatch(of batch: PolicyBatch) -> PolicyBatch? {
        let factor = configuration.fisherSubSamplingFactor
        guard factor > 1, batch.rows > 1 else { return nil }
        let rows = Array(stride(from: 0, to: batch.rows, by: factor))
        let fisherBatch = PolicyBatch(
            policy: policy, observations: batch.observations.gathering(width: policy.observationWidth, rows: rows),
            actions: RowGather.gather(batch.actions, width: policy.distribution.actionWidth, rows: rows),
            rows: rows.count, threads: threads, reduction: reduction)
        fisherBatch.evaluate(at: policyParameters)
        return fisherBatch
    }

    /// The batch of `rows`, evaluated at θ_old, with what every update rule needs.
    func makeUpdateInput(buffer: RolloutBuffer, rows: [Int], advantages: [Double]) -> PolicyUpdateInput {
        func gather<T>(_ source: [T], width: Int) -> [T] {
            rows.count == buffer.rows ? source : RowGather.gather(source, width: width, rows: rows)
        }
        let observations = rows.count == buffer.rows
            ? buffer.observations : buffer.observations.gathering(width: buffer.observationWidth, rows: rows)
        let batch = PolicyBatch(
            policy: policy, observations: observations,
            actions: gather(buffer.actions, width: buffer.actionWidth), rows: rows.count, threads: threads,
            reduction: reduction)
        batch.evaluate(at: policyParameters)
        let oldDistribution = policy.distribution.batch(
            outputs: gather(buffer.policyOutputs, width: buffer.outputWidth), extraParameters: batch.extraParameters,
            rows: rows.count)
        return PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: gather(buffer.logProbabilities, width: 1),
            oldDistribution: oldDistribution, advantages: gather(advantages, width: 1), threads: threads)
    }

    /// The update input of a vine batch, evaluated at θ_old.
    func makeVineUpdateInput(_ sample: VineSample) -> PolicyUpdateInput {
        let batch = PolicyBatch(
            policy: policy, observations: sample.observations, actions: sample.actions, rows: sample.values.count,
            threads: threads, reduction: reduction)
        batch.evaluate(at: policyParameters)
        let values = configuration.normalizeAdvantage
            ? GeneralizedAdvantageEstimation.standardize(sample.values, reduction: reduction) : sample.values
        return PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: sample.oldLogProbabilities,
            oldDistribution: batch.distributions, advantages: values, threads: threads,
            estimator: sample.enumerated ? .importanceSampling : .selfNormalized(groupSize: sample.actionsPerState))
    }
}
