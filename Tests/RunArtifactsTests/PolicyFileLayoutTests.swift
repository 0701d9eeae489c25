import DenseLinearAlgebra
import Foundation
import NeuralNetworks
import PolicyOptimization
import Testing
@testable import RunArtifacts

/// policy.safetensors stores θ as PyTorch-named tensors (Linear weights [out, in]), the log σ and
/// the normaliser by name, and still reads the flat files of format 2.
@Suite struct PolicyFileLayoutTests {
    let runs = CheckpointIntegrityTests()

    @Test func gaussianPolicyHasNamedTensorsThatRebuildTheta() throws {
        let directory = try runs.finishedRun("layout-gaussian", environment: "Pendulum-v1")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try SafeTensorsFile(contentsOf: TrainingRun.policyURL(directory))
        #expect(file.metadata["format"] == "trustregion-policy-3")
        let widths = try #require(file.metadata["network.widths"]).split(separator: ",").compactMap { Int($0) }
        #expect(widths.first == 3 && widths.last == 1)
        var expected: Set<String> = ["log_std", "obs_normalizer.mean", "obs_normalizer.var", "obs_normalizer.count",
            "obs_normalizer.clip", "obs_normalizer.epsilon"]
        for layer in 0..<(widths.count - 1) {
            expected.insert("network.\(2 * layer).weight")
            expected.insert("network.\(2 * layer).bias")
            #expect(file.tensors["network.\(2 * layer).weight"]?.shape == [widths[layer + 1], widths[layer]])
            #expect(file.tensors["network.\(2 * layer).bias"]?.shape == [widths[layer + 1]])
        }
        #expect(Set(file.tensors.keys) == expected)
        #expect(file.tensors["log_std"]?.shape == [1])
        #expect(file.tensors["obs_normalizer.mean"]?.shape == [3] && file.tensors["obs_normalizer.clip"]?.shape == [])
        #expect(try file.doubles(named: "obs_normalizer.clip") == [10])
        #expect(try file.doubles(named: "obs_normalizer.epsilon") == [1e-8])

        // The loaded θ is the trainer's, bit for bit: the final checkpoint holds it flat.
        let (snapshot, id) = try PolicyFile.snapshot(from: file, path: "p")
        let checkpoint = try SafeTensorsFile(contentsOf: TrainingRun.checkpointURL(directory))
        #expect(id == "Pendulum-v1")
        #expect(snapshot.parameters == (try checkpoint.floats(named: "policy/parameters")))
        #expect(snapshot.observationStatistics?.mean == (try checkpoint.doubles(named: "normalizer/observations/mean")))

        // Layer 0's weight [out, in] is the transpose of θ's row-major [in, out] block.
        let weight = try file.floats(named: "network.0.weight")
        let (inputs, outputs) = (widths[0], widths[1])
        for input in 0..<inputs {
            for output in 0..<outputs {
                #expect(weight[output * inputs + input] == snapshot.parameters[input * outputs + output])
            }
        }
    }

    @Test func flatFormatTwoFilesStillLoad() throws {
        for environment in ["Pendulum-v1", "CartPole-v1"] {
            let directory = try runs.finishedRun("layout-flat", environment: environment)
            defer { try? FileManager.default.removeItem(at: directory) }
            let current = try SafeTensorsFile(contentsOf: TrainingRun.policyURL(directory))
            let (snapshot, _) = try PolicyFile.snapshot(from: current, path: "p")
            // A file as the builds before named tensors wrote it.
            var tensors: [String: SafeTensor] = ["policy/parameters": try SafeTensor(floats: snapshot.parameters)]
            if let statistics = snapshot.observationStatistics {
                try Checkpoint.add(statistics, named: "normalizer/observations", to: &tensors)
            }
            var metadata = current.metadata
            metadata["format"] = "trustregion-policy-2"
            let old = try SafeTensorsFile(data: SafeTensorsFile(tensors: tensors, metadata: metadata).serialized())
            let (loaded, id) = try PolicyFile.snapshot(from: old, path: "old")
            #expect(id == environment)
            #expect(loaded.parameters == snapshot.parameters)
            #expect(loaded.observationStatistics == snapshot.observationStatistics)
            #expect(loaded.policy == snapshot.policy && loaded.clipObservation == snapshot.clipObservation)
        }
    }

    @Test func missingOrMisshapedTensorIsNamed() throws {
        let directory = try runs.finishedRun("layout-bad", environment: "CartPole-v1")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try SafeTensorsFile(contentsOf: TrainingRun.policyURL(directory))
        var missing = file
        missing.tensors["network.2.bias"] = nil
        do {
            _ = try PolicyFile.snapshot(from: missing, path: "p")
            Issue.record("a policy without network.2.bias was accepted")
        } catch {
            #expect("\(error)".contains("2.bias") && "\(error)".contains("missing"))
        }
        var transposed = file
        let weight = try #require(file.tensors["network.0.weight"])
        transposed.tensors["network.0.weight"] = try SafeTensor(
            floats: try weight.floats(), shape: Array(weight.shape.reversed()))
        do {
            _ = try PolicyFile.snapshot(from: transposed, path: "p")
            Issue.record("a transposed weight was accepted")
        } catch {
            #expect("\(error)".contains("0.weight") && "\(error)".contains("shape"))
        }
    }

    /// The default naming of a network without one of its own is θ itself, and reads back.
    @Test func defaultNamingIsTheFlatVector() throws {
        let network = OpaqueNetwork(inner: MLP(widths: [2, 3, 1]))
        let theta: [Float] = (0..<network.parameterCount).map { Float($0) * 0.5 }
        let tensors = network.namedTensors(parameters: theta)
        #expect(tensors.map(\.name) == ["parameters"] && tensors[0].shape == [theta.count])
        #expect(try network.parameters(fromNamedTensors: ["parameters": tensors[0]]) == theta)
        let mlp = MLP(widths: [2, 3, 1])
        let named = Dictionary(uniqueKeysWithValues: mlp.namedTensors(parameters: theta).map { ($0.name, $0) })
        #expect(try mlp.parameters(fromNamedTensors: named) == theta)
    }
}

/// An MLP seen as a network kind without a naming of its own (as a new network would be).
struct OpaqueNetwork: DifferentiableNetwork {
    let inner: MLP
    var inputWidth: Int { inner.inputWidth }
    var outputWidth: Int { inner.outputWidth }
    var parameterCount: Int { inner.parameterCount }
    var multiplyAddsPerRow: Int { inner.multiplyAddsPerRow }
    var architecture: NetworkArchitecture { NetworkArchitecture(kind: "opaque-test", attributes: [:]) }
    func makeWorkspace(capacity: Int) -> MLPWorkspace { inner.makeWorkspace(capacity: capacity) }
    func forward(parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, rows: Int, workspace: MLPWorkspace) {
        inner.forward(parameters: parameters, input: input, rows: rows, workspace: workspace)
    }
    func pullback(
        parameters: UnsafePointer<Float>, outputCotangent: UnsafePointer<Float>, workspace: MLPWorkspace,
        parameterGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        inner.pullback(
            parameters: parameters, outputCotangent: outputCotangent, workspace: workspace,
            parameterGradient: parameterGradient, inputGradient: inputGradient)
    }
    func differential(parameters: UnsafePointer<Float>, parameterTangent: UnsafePointer<Float>, workspace: MLPWorkspace)
        -> UnsafeBufferPointer<Float>
    {
        inner.differential(parameters: parameters, parameterTangent: parameterTangent, workspace: workspace)
    }
    func initialParameters(outputGain: Float, stream: inout RandomStream) -> [Float] {
        inner.initialParameters(outputGain: outputGain, stream: &stream)
    }
}
