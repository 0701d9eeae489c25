import DenseLinearAlgebra
import Environments
import Foundation
import NeuralNetworks
import Policies
import PolicyOptimization

/// `policy.safetensors`: the final policy alone — θ, the observation statistics if any, and the
/// architecture in the metadata — enough for `trpo eval`, `trpo rollout --run-dir` and Python.
public enum PolicyFile {
    /// The format version written to `__metadata__["format"]`.
    public static let format = "trustregion-policy-1"

    /// The safetensors file of a policy.
    public static func file(_ snapshot: PolicySnapshot, environmentID: String) throws -> SafeTensorsFile {
        var tensors: [String: SafeTensor] = ["policy/parameters": try SafeTensor(floats: snapshot.parameters)]
        if let statistics = snapshot.observationStatistics {
            try Checkpoint.add(statistics, named: "normalizer/observations", to: &tensors)
        }
        let (headKind, headSize): (String, Int)
        switch snapshot.policy.head {
        case .categorical(let count): (headKind, headSize) = ("categorical", count)
        case .diagonalGaussian(let dimension): (headKind, headSize) = ("diagonal_gaussian", dimension)
        }
        let metadata = [
            "format": format, "env": environmentID,
            "widths": snapshot.policy.network.widths.map(String.init).joined(separator: ","),
            "activation": snapshot.policy.network.activation.rawValue,
            "head": headKind, "head_size": String(headSize), "clip_observation": String(snapshot.clipObservation),
        ]
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// The policy in a file, for the environment it names (which must be registered).
    public static func snapshot(from file: SafeTensorsFile, path: String, registry: EnvironmentRegistry = .shared)
        throws -> (snapshot: PolicySnapshot, environmentID: String)
    {
        let metadata = file.metadata
        guard try file.requireFormat(format, path: path) else {
            throw RunError.malformedFile(path: path, reason: "not a TrustRegion policy (format \(metadata["format"] ?? "missing"))")
        }
        try file.requireFinite(path: path)
        guard let id = metadata["env"],
            let widths = metadata["widths"]?.split(separator: ",").compactMap({ Int($0) }), widths.count >= 2,
            // Bounded, so that counting the parameters cannot overflow (a fuzzed file once did).
            widths.count <= 64, widths.allSatisfy({ $0 > 0 && $0 <= 1 << 20 }),
            let activation = metadata["activation"].flatMap(Activation.init(rawValue:)),
            let headSize = metadata["head_size"].flatMap({ Int($0) }), headSize > 0, headSize <= 1 << 20,
            let clip = metadata["clip_observation"].flatMap({ Double($0) })
        else { throw RunError.malformedFile(path: path, reason: "policy architecture metadata is missing or invalid") }
        let head: PolicyHead
        switch metadata["head"] {
        case "categorical": head = .categorical(actionCount: headSize)
        case "diagonal_gaussian": head = .diagonalGaussian(dimension: headSize)
        default: throw RunError.malformedFile(path: path, reason: "unknown policy head \(metadata["head"] ?? "")")
        }
        let policy = Policy(
            observationWidth: widths[0], hiddenWidths: Array(widths.dropFirst().dropLast()), activation: activation,
            head: head)
        guard policy.network.outputWidth == widths[widths.count - 1] else {
            throw RunError.malformedFile(path: path, reason: "output width does not match the head")
        }
        let parameters: [Float]
        var statistics: RunningMeanVariance?
        do {
            parameters = try file.floats(named: "policy/parameters")
            if file.tensors["normalizer/observations/mean"] != nil {
                statistics = try Checkpoint.statistics(named: "normalizer/observations", in: file, path: path)
            }
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError.malformedFile(path: path, reason: "\(error)")
        }
        guard parameters.count == policy.parameterCount, VectorOperations.allFinite(parameters) else {
            throw RunError.malformedFile(
                path: path, reason: "expected \(policy.parameterCount) finite parameters, found \(parameters.count)")
        }
        guard let specification = registry.specification(for: id) else {
            throw RunError.malformedFile(path: path, reason: "environment \(id) is not registered")
        }
        guard specification.observationSpace.dimension == widths[0],
            (try? PolicyHead(actionSpace: specification.actionSpace)) == head
        else {
            throw RunError.malformedFile(path: path, reason: "the policy does not fit \(id)'s spaces")
        }
        if let statistics, statistics.dimension != widths[0] {
            throw RunError.malformedFile(path: path, reason: "normaliser width differs from the observation width")
        }
        let snapshot = PolicySnapshot(
            policy: policy, parameters: parameters, observationStatistics: statistics, clipObservation: clip,
            actionSpace: specification.actionSpace)
        return (snapshot, id)
    }
}
