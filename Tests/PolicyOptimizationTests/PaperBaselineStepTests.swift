import DenseLinearAlgebra
import Policies
import Testing
import _TestSupport
@testable import PolicyOptimization

/// The paper's natural-gradient baselines (§8.1) as settings of `NaturalGradientUpdate`.
@Suite struct PaperBaselineStepTests {
    static let distributions: [any PolicyDistribution] = [CategoricalDistribution(actionCount: 3), DiagonalGaussianDistribution(dimension: 2)]

    func settings(_ change: (inout NaturalGradientSettings) -> Void) -> NaturalGradientSettings {
        var settings = NaturalGradientSettings()
        settings.conjugateGradientIterations = 10
        change(&settings)
        return settings
    }

    /// s = CG(F + λ_d I, g) computed here from the batch's own products.
    func direction(_ problem: ToyUpdateProblem, empirical: Bool = false, damping: Float = 0.1) -> [Float] {
        let input = problem.input()
        let (_, weights) = Surrogate.evaluate(input.batch, for: input)
        let gradient = input.batch.gradient(logProbabilityWeights: weights)
        return conjugateGradient(
            applying: {
                empirical ? input.batch.empiricalFisherVectorProduct($0, damping: damping)
                    : input.batch.fisherVectorProduct($0, damping: damping)
            }, to: gradient, maxIterations: 10
        ).solution
    }

    func difference(_ a: [Float], _ b: [Float]) -> [Float] { zip(a, b).map { $0 - $1 } }

    /// The fixed-penalty step is exactly (1/λ)s, so it halves when λ doubles, and δ plays no part
    /// (relative error ≤ 1e-5 against s/λ; the line search never runs).
    @Test(arguments: distributions) func fixedPenaltyStepIsInverseLambdaTimesDirection(distribution: any PolicyDistribution) {
        let problem = ToyUpdateProblem(distribution: distribution)
        let s = direction(problem)
        for lambda in [2.0, 4.0, 40.0] {
            for delta in [0.01, 1e-6] {
                let rule = NaturalGradientUpdate(settings: settings { $0.penaltyCoefficient = lambda; $0.maxKL = delta })
                let (theta, metrics, _) = problem.step(rule)
                let step = difference(theta, problem.parameters)
                #expect(relativeError(step, s.map { $0 / Float(lambda) }) < 1e-5, "λ = \(lambda), δ = \(delta)")
                #expect(metrics.lineSearchSteps == 1 && metrics.lineSearchSucceeded)
            }
        }
    }

    /// With the max-KL constraint the accepted θ has maxᵢ KL ≤ δ on the batch (recomputed on a
    /// fresh batch), while the mean-KL rule with the same δ accepts a step whose max exceeds δ (so
    /// the constraint matters here); the try before the accepted one broke the max or the surrogate.
    @Test(arguments: distributions) func maxKLLineSearchBoundsTheMaximum(distribution: any PolicyDistribution) {
        let problem = ToyUpdateProblem(distribution: distribution)
        let delta = 0.01
        let old = problem.batch().distributions
        func divergence(_ theta: [Float]) -> (mean: Double, maximum: Double) { problem.batch(at: theta).divergence(from: old) }
        func surrogate(_ theta: [Float]) -> Double {
            Surrogate.evaluate(problem.batch(at: theta), oldLogProbabilities: problem.input().oldLogProbabilities,
                               advantages: problem.advantages).value
        }
        let (meanTheta, _, _) = problem.step(NaturalGradientUpdate(settings: settings { $0.maxKL = delta }))
        #expect(divergence(meanTheta).maximum > delta, "the mean-KL step already satisfies the max: no test")
        let (theta, metrics, _) = problem.step(NaturalGradientUpdate(settings: settings { $0.maxKL = delta; $0.constraint = .maximum }))
        #expect(metrics.lineSearchSucceeded)
        #expect(divergence(theta).maximum <= delta)
        #expect(surrogate(theta) > surrogate(problem.parameters))
        #expect(metrics.lineSearchSteps > 1)
        // The previous try, θ_old + Δθ/c, broke the max-KL bound or did not improve the surrogate.
        var previous = problem.parameters
        VectorOperations.axpy(Float(1 / 0.8), difference(theta, problem.parameters), &previous)
        #expect(divergence(previous).maximum > delta || surrogate(previous) <= surrogate(problem.parameters))
    }

    /// The empirical-FIM rule steps along CG(F̂ + λ_d I, g), not along the analytic direction:
    /// cosine ≥ 0.9999 with the former, and the line search keeps the mean KL ≤ δ.
    @Test(arguments: distributions) func empiricalFisherRuleStepsAlongItsOwnDirection(distribution: any PolicyDistribution) {
        let problem = ToyUpdateProblem(distribution: distribution)
        let (theta, metrics, _) = problem.step(NaturalGradientUpdate(settings: settings { $0.metric = .empirical }))
        let step = difference(theta, problem.parameters)
        func cosine(_ a: [Float], _ b: [Float]) -> Double {
            VectorOperations.dot(a, b) / (VectorOperations.norm(a) * VectorOperations.norm(b))
        }
        let empirical = direction(problem, empirical: true), analytic = direction(problem)
        #expect(metrics.lineSearchSucceeded)
        #expect(cosine(step, empirical) >= 0.9999)
        #expect(cosine(empirical, analytic) < 0.999, "the two metrics agree here: no test")
        #expect(problem.batch(at: theta).divergence(from: problem.batch().distributions).mean <= 0.01)
    }
}
