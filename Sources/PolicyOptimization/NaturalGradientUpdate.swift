import DenseLinearAlgebra
import NeuralNetworks
import Policies

/// TRPO's step (Schulman et al. 2015, §6 and Appendix C), and the natural policy gradient as the
/// same step without the line search.
///
/// 1. g = ∇_θ L(θ) at θ_old.
/// 2. s ≈ (F + λI)⁻¹ g by k conjugate-gradient iterations on Jᵀ M J products, from x₀ = 0 (F
///    averaged over `input.fisherBatch` when the run subsamples it, as Appendix C allows).
/// 3. β = √(2δ / sᵀ(F + λI)s): the largest step along s with the quadratic KL model at δ.
/// 4. Backtracking: θ = θ_old + cⁱβs for i = 0, 1, …; accept the first θ whose surrogate improves
///    and whose mean KL(π_old‖π_θ) ≤ δ; if none does, θ_old is kept exactly.
///
/// With an entropy coefficient c > 0 (Baselines' `entcoeff`) the objective of steps 1 and 4 is
/// L(θ) + c·H̄(θ), the mean entropy over the batch's states.
///
/// The paper's baselines (§8.1) are settings of the same step: `metric` `.empirical` solves with
/// the covariance of per-sample gradients instead of F; `constraint` `.maximum` makes the line
/// search bound the largest per-state KL instead of the mean; `penaltyCoefficient` λ replaces steps
/// 3 and 4 by the classic natural gradient's fixed step θ = θ_old + (1/λ)s.
///
/// Guards: a zero or non-finite gradient, or sᵀFs ≤ 0 or non-finite, skip the update (reported).
public struct NaturalGradientUpdate: PolicyUpdateRule {
    /// δ, CG, damping and the line search.
    public var settings: NaturalGradientSettings

    /// A TRPO step (or NPG's, with `settings.usesLineSearch` false).
    public init(settings: NaturalGradientSettings) {
        self.settings = settings
    }

    /// One TRPO (or NPG) step from θ_old; it carries no state between iterations.
    public mutating func update(
        _ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream
    ) -> PolicyUpdateMetrics {
        let configuration = settings
        let usesLineSearch = settings.usesLineSearch && settings.penaltyCoefficient == nil
        let batch = input.batch
        let oldParameters = parameters
        var metrics = PolicyUpdateMetrics()
        let (oldSurrogate, weights) = Surrogate.evaluate(batch, for: input)
        // L(θ) + c·H̄(θ) at the batch's evaluated θ; exactly L when c = 0.
        let entropyCoefficient = configuration.entropyCoefficient
        func objective(_ surrogate: Double) -> Double {
            entropyCoefficient == 0 ? surrogate : surrogate + entropyCoefficient * batch.meanEntropy()
        }
        let oldObjective = objective(oldSurrogate)
        let gradient = batch.gradient(logProbabilityWeights: weights, entropyWeight: entropyCoefficient)
        metrics.gradientNorm = VectorOperations.norm(gradient)
        guard metrics.gradientNorm.isFinite, metrics.gradientNorm > 0 else {
            return skipped(
                &metrics, reason: metrics.gradientNorm == 0 ? "zero gradient" : "non-finite gradient", batch: batch)
        }

        let damping = Float(configuration.damping)
        let empirical = configuration.metric == .empirical
        let fisherBatch = input.fisherBatch ?? batch
        let product: ([Float]) -> [Float] = {
            empirical
                ? fisherBatch.empiricalFisherVectorProduct($0, damping: damping)
                : fisherBatch.fisherVectorProduct($0, damping: damping)
        }
        let solve = conjugateGradient(
            applying: product, to: gradient, maxIterations: configuration.conjugateGradientIterations)
        metrics.conjugateGradientIterations = solve.iterations
        let direction = solve.solution
        let curvature = VectorOperations.dot(direction, product(direction))
        guard curvature.isFinite, curvature > 0 else {
            return skipped(&metrics, reason: "sᵀFs = \(curvature) is not positive", batch: batch)
        }
        let maximalStep = configuration.penaltyCoefficient.map { 1 / $0 } ?? (2 * configuration.maxKL / curvature).squareRoot()
        let fullExpectedImprovement = maximalStep * VectorOperations.dot(gradient, direction)

        var coefficient = 1.0
        let tries = usesLineSearch ? max(configuration.backtrackIterations, 1) : 1
        for attempt in 1...tries {
            var candidate = oldParameters
            VectorOperations.axpy(Float(coefficient * maximalStep), direction, &candidate)
            batch.evaluate(at: candidate)
            let newSurrogate = Surrogate.evaluate(batch, for: input).value
            let newObjective = objective(newSurrogate)
            let divergences = batch.divergence(from: input.oldDistribution)
            let divergence = divergences.mean
            let constrained = configuration.constraint == .maximum ? divergences.maximum : divergence
            metrics.lineSearchSteps = attempt
            metrics.expectedImprovement = coefficient * fullExpectedImprovement
            let accepted = !usesLineSearch
                || (constrained <= configuration.maxKL && newObjective > oldObjective && newObjective.isFinite)
            if accepted {
                parameters = candidate
                metrics.klDivergence = divergence
                metrics.surrogateImprovement = newSurrogate - oldSurrogate
                metrics.stepNorm = coefficient * maximalStep * VectorOperations.norm(direction)
                metrics.lineSearchSucceeded = true
                return metrics
            }
            coefficient *= configuration.backtrackCoefficient
        }
        parameters = oldParameters
        batch.evaluate(at: oldParameters)
        metrics.lineSearchSucceeded = false
        metrics.klDivergence = 0
        metrics.surrogateImprovement = 0
        metrics.stepNorm = 0
        return metrics
    }

    /// A skipped update's report. A policy whose probabilities rounded to 0 and 1 on the batch has
    /// no gradient and no Fisher information left, so every later update would be skipped too: the
    /// reason says so (a categorical TRPO policy on Atari got there in 100k steps).
    private func skipped(_ metrics: inout PolicyUpdateMetrics, reason: String, batch: PolicyBatch) -> PolicyUpdateMetrics {
        let entropy = batch.meanEntropy()
        let deterministic = entropy >= 0 && entropy < 1e-6
        metrics.skipReason = !deterministic ? reason : reason
            + "; the policy is deterministic on this batch (mean entropy \(entropy)), where its gradient and"
            + " Fisher matrix vanish, so no later update can move it (an entropy bonus, ent_coef, keeps a"
            + " policy stochastic; a smaller target_kl or larger batches keep it so for longer)"
        metrics.lineSearchSucceeded = false
        return metrics
    }
}
