import DenseLinearAlgebra
import NeuralNetworks
import Policies
import RealModule
import Rollouts

/// PPO-clip (Schulman et al. 2017, eq. 7), as Stable-Baselines3 runs it.
///
/// For `n_epochs` epochs, the batch is shuffled and cut into minibatches of `batch_size` rows (the
/// last one may be smaller). On each minibatch, at the current θ, with rᵢ = π_θ(aᵢ|sᵢ)/π_old(aᵢ|sᵢ):
///
///     L^CLIP(θ) = (1/n) Σᵢ min(rᵢ Âᵢ, clip(rᵢ, 1 − ε, 1 + ε) Âᵢ),
///
/// with Âᵢ re-standardised over the minibatch when `normalize_advantage` is on (SB3 does this per
/// minibatch; standardising is affine-invariant, so re-standardising the batch-standardised Â gives
/// exactly SB3's values). One Adam step on −(L^CLIP + c·H) follows, its gradient clipped to
/// `max_grad_norm`. ∂L^CLIP/∂log πᵢ is rᵢÂᵢ/n where the unclipped term is the minimum and 0 where the
/// clipped one is (Âᵢ > 0 with rᵢ > 1 + ε, or Âᵢ < 0 with rᵢ < 1 − ε).
///
/// Early stop (SB3): before each step, approx_kl = (1/n) Σᵢ (rᵢ − 1) − log rᵢ; if it exceeds
/// 1.5 × `target_kl` the step is not taken and the epochs end.
///
/// The critic: SB3 trains V with the same optimiser in the same minibatches (loss weighted by
/// `vf_coef`). When π and V share a trunk (`input.sharedCritic`), so does this rule: each step is on
/// −(L^CLIP + c·H) + c_vf·L^VF over the one θ, the joint gradient clipped to `max_grad_norm`, as
/// SB3's. With two networks the critic keeps its own Adam and is fitted after this rule, for
/// `n_epochs` epochs over the same batch in minibatches of `batch_size` (`criticFitEpochs`), with
/// `clip_range_vf` clipping its predictions around the values at collection, as SB3's.
public struct ProximalPolicyUpdate: PolicyUpdateRule {
    /// ε, epochs, minibatches, the early stop and Adam's step size.
    public var settings: ProximalPolicySettings
    /// The policy's Adam state (created at the first update; ε = 1e-5 as SB3's).
    public private(set) var optimizer: Adam?

    /// A PPO-clip rule.
    public init(settings: ProximalPolicySettings) {
        self.settings = settings
    }

    public var state: UpdateRuleState { UpdateRuleState(optimizer: optimizer) }

    public mutating func restore(_ state: UpdateRuleState) throws { optimizer = try state.optimizer() }

    /// Runs the epochs of minibatch Adam steps on −(L^CLIP + c·H) from θ_old, with the early stop.
    public mutating func update(
        _ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream
    ) -> PolicyUpdateMetrics {
        let configuration = settings
        let policy = input.policy
        let rows = input.batch.rows
        let observationWidth = policy.observationWidth
        let actionWidth = policy.distribution.actionWidth
        let batchSize = max(1, min(configuration.batchSize, rows))
        var optimizer = self.optimizer ?? Adam(parameterCount: parameters.count, epsilon: 1e-5)
        defer { self.optimizer = optimizer }
        optimizer.learningRate = Float(configuration.learningRate)
        let oldParameters = parameters
        let oldSurrogate = Surrogate.evaluate(input.batch, for: input).value

        var metrics = PolicyUpdateMetrics()
        var clipFractions: [Double] = []
        var approximateKLs: [Double] = []
        var firstGradientNorm: Double?
        var criticLosses: [Double] = []
        var order = Array(0..<rows)
        // One set of minibatch passes for every step: their workspaces are reused, not reallocated.
        let passes = MinibatchPasses(input)
        // Read once: each is a property behind an existential, too slow to reach per row.
        let (allObservations, allActions) = (input.observations, input.batch.actions)
        epochs: for _ in 0..<configuration.epochs {
            Shuffle.permute(&order, stream: &stream)
            for start in stride(from: 0, to: rows, by: batchSize) {
                let indices = order[start..<min(start + batchSize, rows)]
                let observations = allObservations.gathering(width: observationWidth, rows: indices)
                passes.evaluate(
                    observations: observations, actions: RowGather.gather(allActions, width: actionWidth, rows: indices),
                    indices: indices, at: parameters)
                var advantages = indices.map { input.advantages[$0] }
                if configuration.normalizeAdvantage && advantages.count > 1 {
                    advantages = GeneralizedAdvantageEstimation.standardize(advantages, reduction: input.reduction)
                }
                let objective = Self.clippedObjective(
                    logProbabilities: passes.logProbabilities(),
                    oldLogProbabilities: indices.map { input.oldLogProbabilities[$0] }, advantages: advantages,
                    clipRange: configuration.clipRange)
                clipFractions.append(objective.clipFraction)
                approximateKLs.append(objective.approximateKL)
                if let targetKL = configuration.earlyStopKL, objective.approximateKL > 1.5 * targetKL {
                    if metrics.optimizerSteps == 0 { metrics.skipReason = "approx_kl > 1.5 × target_kl before any step" }
                    break epochs
                }
                var (descent, criticLoss) = passes.descent(
                    logProbabilityWeights: objective.weights, entropyWeight: configuration.entropyCoefficient)
                if let criticLoss { criticLosses.append(criticLoss) }
                let norm = VectorOperations.norm(descent)
                if firstGradientNorm == nil { firstGradientNorm = norm }
                GradientClipping.clip(&descent, maxNorm: configuration.maxGradientNorm, norm: norm)
                optimizer.update(parameters: &parameters, gradient: descent)
                metrics.optimizerSteps += 1
            }
        }

        metrics.clipFraction = Self.mean(clipFractions)
        metrics.approximateKL = Self.mean(approximateKLs)
        if input.sharedCritic != nil { metrics.criticLoss = Self.mean(criticLosses) }
        // ‖g‖ of the first minibatch, at θ_old (before clipping).
        metrics.gradientNorm = firstGradientNorm ?? 0
        var step = parameters
        VectorOperations.axpy(-1, oldParameters, &step)
        metrics.stepNorm = VectorOperations.norm(step)
        input.batch.evaluate(at: parameters)
        metrics.surrogateImprovement = Surrogate.evaluate(input.batch, for: input).value - oldSurrogate
        metrics.klDivergence = input.batch.divergence(from: input.oldDistribution).mean
        metrics.lineSearchSucceeded = metrics.optimizerSteps > 0
        return metrics
    }

    /// One permutation of the batch's rows per epoch; an early stop draws fewer (the guess is then wrong).
    public func predictedStream(after stream: RandomStream, for input: PolicyUpdateInput) -> RandomStream? {
        var stream = stream, order = Array(0..<input.batch.rows)
        for _ in 0..<settings.epochs { Shuffle.permute(&order, stream: &stream) }
        return stream
    }

    /// L^CLIP on one minibatch with its per-row weights ∂L^CLIP/∂log πᵢ, the fraction of rows with
    /// |rᵢ − 1| > ε (SB3's clip_fraction) and (1/n) Σ (rᵢ − 1) − log rᵢ (SB3's approx_kl).
    public static func clippedObjective(
        logProbabilities: [Double], oldLogProbabilities: [Double], advantages: [Double], clipRange: Double
    ) -> (value: Double, weights: [Double], clipFraction: Double, approximateKL: Double) {
        let count = Double(max(logProbabilities.count, 1))
        var value = 0.0, clipped = 0.0, divergence = 0.0
        var weights = [Double](repeating: 0, count: logProbabilities.count)
        for row in logProbabilities.indices {
            let logRatio = logProbabilities[row] - oldLogProbabilities[row]
            let ratio = Double.exp(logRatio)
            let advantage = advantages[row]
            let clippedRatio = min(max(ratio, 1 - clipRange), 1 + clipRange)
            value += min(ratio * advantage, clippedRatio * advantage)
            // The clipped term is the minimum (and flat in θ) only outside the range on the side Â favours.
            let isClipped = (advantage > 0 && ratio > 1 + clipRange) || (advantage < 0 && ratio < 1 - clipRange)
            weights[row] = isClipped ? 0 : ratio * advantage / count
            if abs(ratio - 1) > clipRange { clipped += 1 }
            divergence += (ratio - 1) - logRatio
        }
        return (value / count, weights, clipped / count, divergence / count)
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
