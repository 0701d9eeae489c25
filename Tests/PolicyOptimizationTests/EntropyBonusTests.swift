import DenseLinearAlgebra
import Policies
import Testing
@testable import PolicyOptimization

/// TRPO with an entropy coefficient c (Baselines' `entcoeff`, `ent_coef`) maximises L(θ) + c·H̄(θ)
/// within the trust region; with c = 0 it is the plain step, bit for bit.
@Suite struct EntropyBonusTests {
    /// With no advantage the surrogate has no gradient: the plain step is skipped, and the bonus
    /// alone raises the entropy of a confident policy, within δ.
    @Test func theBonusAloneRaisesTheEntropyWithinTheTrustRegion() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 3), rows: 64)
        let confident = problem.parameters.map { $0 * 300 }
        let before = problem.batch(at: confident)
        let entropyBefore = before.meanEntropy()
        #expect(entropyBefore < 0.9, "a confident policy (ln 3 = 1.099 is uniform): \(entropyBefore)")
        let input = PolicyUpdateInput(
            policy: problem.policy, batch: before, oldLogProbabilities: before.logProbabilities(),
            oldDistribution: before.distributions, advantages: problem.advantages.map { _ in 0 }, threads: 1)
        var stream = RandomStream(seed: 3)

        var plain = NaturalGradientUpdate(settings: NaturalGradientSettings())
        var unchanged = confident
        #expect(plain.update(input, parameters: &unchanged, stream: &stream).skipReason == "zero gradient")
        #expect(unchanged == confident)

        var settings = NaturalGradientSettings()
        settings.entropyCoefficient = 0.01
        var bonus = NaturalGradientUpdate(settings: settings)
        var theta = confident
        let metrics = bonus.update(input, parameters: &theta, stream: &stream)
        #expect(metrics.lineSearchSucceeded && metrics.skipReason == nil)
        #expect(metrics.klDivergence > 0 && metrics.klDivergence <= settings.maxKL)
        let entropyAfter = problem.batch(at: theta).meanEntropy()
        #expect(entropyAfter > entropyBefore + 1e-3, "entropy \(entropyBefore) → \(entropyAfter)")
    }

    /// c = 0 is the step without the bonus: the same θ and metrics as the default settings.
    @Test func zeroCoefficientIsThePlainStep() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 4))
        var settings = NaturalGradientSettings()
        settings.entropyCoefficient = 0
        let plain = problem.step(NaturalGradientUpdate(settings: NaturalGradientSettings()))
        let zero = problem.step(NaturalGradientUpdate(settings: settings))
        #expect(plain.parameters == zero.parameters)
        #expect(plain.metrics.surrogateImprovement == zero.metrics.surrogateImprovement)
        // And a positive coefficient changes the step on the same batch.
        settings.entropyCoefficient = 0.05
        #expect(problem.step(NaturalGradientUpdate(settings: settings)).parameters != plain.parameters)
    }

    /// `ent_coef` reaches TRPO's settings from the configuration (it was read by PPO and VPG only).
    @Test func entCoefReachesTRPO() {
        var configuration = TrainingConfiguration()
        configuration.entropyCoefficient = 0.01
        #expect(configuration.naturalGradientSettings.entropyCoefficient == 0.01)
    }
}
