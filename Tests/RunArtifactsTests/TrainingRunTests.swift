import Foundation
import PolicyOptimization
import TrainingSettings
import Testing
@testable import RunArtifacts

/// Training runs in temporary directories: resume and thread invariance, bit for bit.
@Suite struct TrainingRunTests {
    func temporaryDirectory(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("trustregion-\(name)-\(UUID().uuidString)")
    }

    func specification(timesteps: Int = 2048, environment: String = "CartPole-v1", algorithm: Algorithm = .trpo)
        -> RunSpecification
    {
        var configuration = TrainingConfiguration.zooDefaults(for: environment, algorithm: algorithm)
        // Small networks and few critic epochs keep debug-build tests quick.
        configuration.stepsPerCopy = 128
        configuration.checkpointInterval = 2
        configuration.policyHiddenWidths = [16]
        configuration.valueHiddenWidths = [16]
        configuration.criticEpochs = 2
        return RunSpecification(environmentID: environment, seed: 7, totalTimesteps: timesteps, configuration: configuration)
    }

    /// progress.csv without the wall-clock columns, as bit patterns (so NaN cells compare equal).
    func reproducibleRows(_ directory: URL) throws -> [[UInt64?]] {
        let table = try ProgressTable(contentsOf: TrainingRun.progressURL(directory))
        let keep = table.columns.indices.filter { !["time/fps", "time/elapsed_s"].contains(table.columns[$0]) }
        return table.rows.map { row in keep.map { row[$0]?.bitPattern } }
    }

    struct Interruption: Error {}

    /// A run interrupted after iteration 5 (its last checkpoint is at 4) and resumed writes the same
    /// rows, checkpoint and policy as an uninterrupted run; `--threads 2` changes nothing either.
    /// PPO's case checks that the rule's own state (its Adam) goes through the checkpoint, CEM's and
    /// CMA-ES's that their search distributions, candidates and episode attribution do.
    @Test(arguments: [
        ("CartPole-v1", false, Algorithm.trpo), ("Pendulum-v1", false, .trpo), ("Acrobot-v1", false, .trpo),
        ("CartPole-v1", true, .trpo), ("Pendulum-v1", false, .ppo), ("CartPole-v1", false, .cem),
        ("Pendulum-v1", false, .cma), ("Pendulum-v1", false, .npgFixed), ("CartPole-v1", false, .empiricalFIM),
    ])
    func resumedAndThreadedRunsAreIdentical(environment: String, vine: Bool, algorithm: Algorithm) throws {
        let whole = temporaryDirectory("whole"), resumed = temporaryDirectory("resumed"), threaded = temporaryDirectory("threaded")
        defer { for url in [whole, resumed, threaded] { try? FileManager.default.removeItem(at: url) } }
        var spec = specification(environment: environment, algorithm: algorithm)
        if algorithm == .ppo { spec.configuration.environmentCopies = 2 }  // 8 iterations of 256 steps
        // Generations of 3 and 4 candidates, so the interruption falls between two generations'
        // updates of the search distribution and the resumed run must continue from its state.
        spec.configuration.crossEntropy.populationSize = 3
        spec.configuration.covarianceMatrixAdaptation.populationSize = 4
        if vine {
            spec.configuration.sampler = .vine
            spec.configuration.vine.states = 16
            spec.configuration.vine.horizon = 10
        }
        try TrainingRun(starting: spec, in: whole, threads: 1).run()
        try TrainingRun(starting: spec, in: threaded, threads: 2).run()
        let interrupted = try TrainingRun(starting: spec, in: resumed, threads: 1)
        #expect(throws: Interruption.self) {
            try interrupted.run { metrics in if metrics.iteration == 5 { throw Interruption() } }
        }
        try TrainingRun(resuming: resumed, threads: 1).run()
        let reference = try reproducibleRows(whole)
        #expect(reference.count == spec.totalTimesteps / (spec.configuration.batchRows))
        for other in [resumed, threaded] {
            let rows = try reproducibleRows(other)
            #expect(rows == reference)
            for file in [TrainingRun.checkpointURL, TrainingRun.policyURL] {
                #expect(try Data(contentsOf: file(other)) == Data(contentsOf: file(whole)))
            }
        }
    }

    @Test func refusesDirectoryThatHoldsARun() throws {
        let directory = temporaryDirectory("busy")
        defer { try? FileManager.default.removeItem(at: directory) }
        try TrainingRun(starting: specification(timesteps: 256), in: directory, threads: 1).run()
        let before = try Data(contentsOf: TrainingRun.progressURL(directory))
        #expect(throws: RunError.self) { try TrainingRun(starting: specification(), in: directory, threads: 1) }
        #expect(try Data(contentsOf: TrainingRun.progressURL(directory)) == before)
    }

    /// A corrupt or foreign checkpoint is a clear error, and the run directory is left as it was.
    @Test func corruptCheckpointIsReportedAndLeftAlone() throws {
        let directory = temporaryDirectory("corrupt")
        defer { try? FileManager.default.removeItem(at: directory) }
        try TrainingRun(starting: specification(timesteps: 512), in: directory, threads: 1).run()
        let checkpoint = TrainingRun.checkpointURL(directory)
        var bytes = try Data(contentsOf: checkpoint)
        bytes[bytes.count / 2] ^= 0xFF
        bytes.removeLast(3)
        try bytes.write(to: checkpoint)
        let progress = try Data(contentsOf: TrainingRun.progressURL(directory))
        do {
            _ = try TrainingRun(resuming: directory, threads: 1)
            Issue.record("a corrupt checkpoint was accepted")
        } catch {
            #expect("\(error)".contains("checkpoint.safetensors"), "message: \(error)")
        }
        #expect(try Data(contentsOf: TrainingRun.progressURL(directory)) == progress)
        #expect(try Data(contentsOf: checkpoint) == bytes)
    }

    @Test func unknownEnvironmentWritesNothing() throws {
        let directory = temporaryDirectory("unknown")
        defer { try? FileManager.default.removeItem(at: directory) }
        var spec = specification()
        spec.environmentID = "CartPole-v0"
        #expect(throws: (any Error).self) { try TrainingRun(starting: spec, in: directory, threads: 1) }
        #expect(!FileManager.default.fileExists(atPath: TrainingRun.configurationURL(directory).path))
    }

    /// config.json round-trips every setting.
    @Test func specificationRoundTrips() throws {
        var spec = specification()
        spec.configuration.normalizeObservations = true
        spec.configuration.policyHiddenWidths = [32]
        spec.configuration.targetKL = 0.02
        let decoded = try RunSpecification(jsonData: spec.jsonData(), path: "config.json")
        #expect(decoded.configuration == spec.configuration)
        #expect(decoded.environmentID == spec.environmentID && decoded.seed == spec.seed)
        #expect(decoded.totalTimesteps == spec.totalTimesteps)
    }
}
