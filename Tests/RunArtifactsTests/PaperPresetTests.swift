import Foundation
import PolicyOptimization
import Testing
@testable import RunArtifacts

/// Presets/paper-*.yml carry the TRPO paper's Table 2.
@Suite struct PaperPresetTests {
    static let presets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Presets")

    func configuration(_ file: String, _ environment: String, _ algorithm: Algorithm = .trpo) throws -> TrainingConfiguration {
        try ConfigurationFile.resolve(
            environmentID: environment, algorithm: algorithm, file: Self.presets.appendingPathComponent(file).path,
            overrides: []).configuration
    }

    /// Single path: δ 0.01, γ 0.99, hidden 30/50/50, 50K/1M/1M steps per iteration for 200
    /// iterations, no normalisation; cart-pole's policy is linear.
    @Test(arguments: [("CartPole-v1", [Int](), 5_000, 100), ("Swimmer-v4", [30], 50_000, 200),
                      ("Hopper-v4", [50], 1_000_000, 200), ("Walker2d-v4", [50], 1_000_000, 200)])
    func singlePath(environment: String, hidden: [Int], batch: Int, iterations: Int) throws {
        let configuration = try configuration("paper-single-path.yml", environment)
        #expect(configuration.policyHiddenWidths == hidden && configuration.sampler == .singlePath)
        #expect(configuration.naturalGradientSettings.maxKL == 0.01 && configuration.discount == 0.99)
        #expect(configuration.batchRows == batch && configuration.suggestedTimesteps == batch * iterations)
        #expect(!configuration.normalizeObservations && !configuration.normalizeRewards)
        #expect(configuration.conjugateGradientIterations == 10 && configuration.gaeLambda == 1)
    }

    /// Vine: 16 rollouts of 1,000 steps for the rollout set, 4 rollouts per state, rollout length
    /// 50/100/100 and 500/2,500/2,500 Q-values per batch.
    @Test(arguments: [("Swimmer-v4", [30], 50, 500), ("Hopper-v4", [50], 100, 2500), ("Walker2d-v4", [50], 100, 2500)])
    func vine(environment: String, hidden: [Int], horizon: Int, values: Int) throws {
        let configuration = try configuration("paper-vine.yml", environment)
        #expect(configuration.sampler == .vine && configuration.policyHiddenWidths == hidden)
        #expect(configuration.environmentCopies == 16 && configuration.stepsPerCopy == 1000)
        #expect(configuration.vine.actions == 4 && configuration.vine.horizon == horizon)
        #expect(configuration.vine.states * configuration.vine.actions == values)
        #expect(configuration.naturalGradientSettings.maxKL == 0.01 && configuration.discount == 0.99)
        #expect(configuration.suggestedTimesteps == 16_000 * 200)
    }

    /// The presets apply to every rule (the baselines share them), e.g. CEM on the linear cart-pole.
    @Test func presetsApplyToTheBaselines() throws {
        let configuration = try configuration("paper-single-path.yml", "CartPole-v1", .cem)
        #expect(configuration.algorithm == .cem && configuration.policyHiddenWidths.isEmpty)
    }
}
