import Foundation
import PolicyOptimization
import Testing
@testable import RunArtifacts

/// The Atari presets in Benchmarks/acceptance/presets load without warnings, validate, and say
/// what their references say.
@Suite struct AtariPresetTests {
    func preset(_ name: String) throws -> TrainingConfiguration {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Benchmarks/acceptance/presets/\(name).yml").standardized
        let loaded = try ConfigurationFile.load(url, environmentID: "BreakoutNoFrameskip-v4", over: TrainingConfiguration())
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        try loaded.configuration.validate()
        #expect(loaded.configuration.atariWrapper && loaded.configuration.frameStack == 4)
        return loaded.configuration
    }

    @Test func paperSinglePathAndVine() throws {
        let single = try preset("atari-trpo-paper")
        #expect(single.batchRows == 100_000 && single.targetKL == 0.01 && single.discount == 0.99)
        #expect(single.convolutionalNetwork == .trpoPaper && single.screenHeight == 52 && single.screenWidth == 40)
        let vine = try preset("atari-trpo-paper-vine")
        #expect(vine.sampler == .vine && vine.convolutionalNetwork == .trpoPaper)
    }

    @Test func baselinesAndZoo() throws {
        let baselines = try preset("atari-trpo-baselines")
        #expect(baselines.batchRows == 512 && baselines.targetKL == 0.001 && baselines.damping == 0.001)
        #expect(baselines.conjugateGradientIterations == 10 && baselines.discount == 0.98 && baselines.gaeLambda == 1)
        #expect(baselines.criticEpochs == 3 && baselines.learningRate == 1e-4 && baselines.convolutionalNetwork == .cnnSmall)
        let ppo = try preset("atari-ppo-zoo")
        #expect(ppo.algorithm == .ppo && ppo.learningRateSchedule == .linear && ppo.clipRangeSchedule == .linear)
        #expect(ppo.learningRate == 2.5e-4 && ppo.clipRange == 0.1 && ppo.convolutionalNetwork == .natureCNN)
        #expect(ppo.sharesFeatures && ppo.valueCoefficient == 0.5)
    }
}
