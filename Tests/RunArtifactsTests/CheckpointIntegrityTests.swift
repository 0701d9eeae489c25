import DenseLinearAlgebra
import Foundation
import PolicyOptimization
import Testing
@testable import RunArtifacts

/// checkpoint.safetensors holds only finite numbers, names the tensor it rejects, and says when it
/// comes from an older or newer format.
@Suite struct CheckpointIntegrityTests {
    let runs = TrainingRunTests()

    /// A finished run's directory (Pendulum: Gaussian sampling, so the streams use normal deviates).
    func finishedRun(_ name: String, environment: String = "Pendulum-v1") throws -> URL {
        let directory = runs.temporaryDirectory(name)
        var spec = runs.specification(timesteps: 512, environment: environment)
        spec.configuration.normalizeObservations = true
        try TrainingRun(starting: spec, in: directory, threads: 1).run()
        return directory
    }

    @Test func everyTensorOfARunIsFinite() throws {
        for environment in ["Pendulum-v1", "CartPole-v1"] {
            let directory = try finishedRun("finite", environment: environment)
            defer { try? FileManager.default.removeItem(at: directory) }
            for url in [TrainingRun.checkpointURL(directory), TrainingRun.policyURL(directory)] {
                let file = try SafeTensorsFile(contentsOf: url)
                #expect(file.firstNonFiniteElement() == nil, "\(url.lastPathComponent) of \(environment)")
            }
        }
    }

    /// "No spare normal" is a flag (0), not NaN, and both states restore exactly.
    @Test(arguments: [nil, -0.75, 2.5] as [Double?])
    func spareNormalRoundTripsAsAFlag(spare: Double?) throws {
        var original = RandomStream(seed: 11, stream: 3)
        for _ in 0..<5 { _ = original.nextUInt64() }
        let stream = try #require(RandomStream(state: original.state, spareNormal: spare))
        var tensors: [String: SafeTensor] = [:]
        try Checkpoint.add(stream, named: "random/test", to: &tensors)
        #expect(try tensors["random/test/has_spare_normal"]?.uint8s() == [spare == nil ? 0 : 1])
        #expect(try tensors["random/test/spare_normal"]?.doubles() == [spare ?? 0])
        let file = try SafeTensorsFile(data: SafeTensorsFile(tensors: tensors).serialized())
        #expect(file.firstNonFiniteElement() == nil)
        let restored = try Checkpoint.stream(named: "random/test", in: file, path: "test")
        #expect(restored == stream)
    }

    /// Replaces one tensor of a file on disk.
    func rewrite(_ url: URL, _ change: (inout [String: SafeTensor], inout [String: String]) throws -> Void) throws {
        let file = try SafeTensorsFile(contentsOf: url)
        var tensors = file.tensors, metadata = file.metadata
        try change(&tensors, &metadata)
        try SafeTensorsFile(tensors: tensors, metadata: metadata).write(to: url)
    }

    @Test(arguments: ["policy/parameters", "critic/adam/second_moment", "normalizer/observations/variance"])
    func nonFiniteTensorIsRejectedByName(tensor: String) throws {
        let directory = try finishedRun("nan-\(tensor.split(separator: "/")[0])")
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoint = TrainingRun.checkpointURL(directory)
        try rewrite(checkpoint) { tensors, _ in
            let old = try #require(tensors[tensor])
            tensors[tensor] = old.dataType == .float32
                ? try SafeTensor(floats: [Float.nan] + Array(try old.floats().dropFirst()), shape: old.shape)
                : try SafeTensor(doubles: [Double.infinity] + Array(try old.doubles().dropFirst()), shape: old.shape)
        }
        do {
            _ = try TrainingRun(resuming: directory, threads: 1)
            Issue.record("a checkpoint with a non-finite \(tensor) was accepted")
        } catch let error as RunIntegrityError {
            guard case .nonFiniteTensor(let path, let name, let index, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == checkpoint.path && name == tensor && index == 0)
            #expect(error.description.contains("\"\(tensor)\""))
        }
    }

    @Test(arguments: [("trustregion-checkpoint-1", "older"), ("trustregion-checkpoint-99", "newer")])
    func otherFormatVersionsAreNamed(format: String, age: String) throws {
        let directory = try finishedRun("format")
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoint = TrainingRun.checkpointURL(directory)
        try rewrite(checkpoint) { _, metadata in metadata["format"] = format }
        let file = try SafeTensorsFile(contentsOf: checkpoint)
        #expect(throws: RunIntegrityError.unsupportedFormat(path: "c", found: format, supported: Checkpoint.format)) {
            _ = try Checkpoint.state(from: file, path: "c")
        }
        let message = RunIntegrityError.unsupportedFormat(path: "c", found: format, supported: Checkpoint.format).description
        #expect(message.contains(age) && message.contains(format) && message.contains(Checkpoint.format))
        // A foreign format is still "not a TrustRegion checkpoint".
        try rewrite(checkpoint) { _, metadata in metadata["format"] = "something-else" }
        #expect(throws: RunError.self) { _ = try Checkpoint.state(from: SafeTensorsFile(contentsOf: checkpoint), path: "c") }
    }

    @Test func policyFileRejectsNonFiniteStatistics() throws {
        let directory = try finishedRun("policy-nan")
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = TrainingRun.policyURL(directory)
        try rewrite(policy) { tensors, _ in
            tensors["obs_normalizer.mean"] = try SafeTensor(doubles: [.nan, 0, 0])
        }
        #expect(throws: RunIntegrityError.self) {
            _ = try PolicyFile.snapshot(from: SafeTensorsFile(contentsOf: policy), path: policy.path)
        }
    }
}
