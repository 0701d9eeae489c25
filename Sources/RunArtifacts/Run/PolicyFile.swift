import DenseLinearAlgebra
import Environments
import Foundation
import NeuralNetworks
import Policies
import PolicyOptimization
import Rollouts

/// `policy.safetensors`: the final policy alone — θ, the observation statistics if any, and the
/// architecture in the metadata — enough for `trpo eval`, `trpo rollout --run-dir` and Python.
///
/// The metadata names the network (`network` = its kind, `network.<attribute>` its settings, e.g.
/// `network.widths` = `4,64,64,2`) and the distribution (`distribution`, `distribution_sizes`),
/// so any registered network or distribution kind is rebuilt without changes here.
public enum PolicyFile {
    /// The format version written to `__metadata__["format"]`.
    public static let format = "trustregion-policy-2"

    /// The safetensors file of a policy.
    public static func file(_ snapshot: PolicySnapshot, environmentID: String) throws -> SafeTensorsFile {
        var tensors: [String: SafeTensor] = ["policy/parameters": try SafeTensor(floats: snapshot.parameters)]
        if let statistics = snapshot.observationStatistics {
            try Checkpoint.add(statistics, named: "normalizer/observations", to: &tensors)
        }
        let architecture = snapshot.policy.network.architecture
        let distribution = snapshot.policy.distribution.descriptor
        var metadata = [
            "format": format, "env": environmentID, "network": architecture.kind,
            "distribution": distribution.kind,
            "distribution_sizes": distribution.sizes.map(String.init).joined(separator: ","),
            "clip_observation": String(snapshot.clipObservation),
        ]
        for (name, value) in architecture.attributes { metadata["network.\(name)"] = value }
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
        let policy: Policy
        do {
            policy = try architecture(in: metadata)
        } catch {
            throw RunError.malformedFile(path: path, reason: "policy architecture: \(error)")
        }
        guard let id = metadata["env"], let clip = metadata["clip_observation"].flatMap({ Double($0) }) else {
            throw RunError.malformedFile(path: path, reason: "policy metadata is missing or invalid")
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
        guard specification.observationSpace.dimension == policy.observationWidth,
            ActionDistributions.distribution(for: specification.actionSpace).descriptor == policy.distribution.descriptor
        else {
            throw RunError.malformedFile(path: path, reason: "the policy does not fit \(id)'s spaces")
        }
        if let statistics, statistics.dimension != policy.observationWidth {
            throw RunError.malformedFile(path: path, reason: "normaliser width differs from the observation width")
        }
        let snapshot = PolicySnapshot(
            policy: policy, parameters: parameters, observationStatistics: statistics, clipObservation: clip,
            actionSpace: specification.actionSpace)
        return (snapshot, id)
    }

    /// The network and distribution the metadata describes.
    static func architecture(in metadata: [String: String]) throws -> Policy {
        guard let kind = metadata["network"], let distributionKind = metadata["distribution"] else {
            throw ConfigurationError.unsupported("no network or distribution named")
        }
        var attributes: [String: String] = [:]
        for (key, value) in metadata where key.hasPrefix("network.") { attributes[String(key.dropFirst(8))] = value }
        let network = try NetworkArchitecture(kind: kind, attributes: attributes).network()
        let sizes = (metadata["distribution_sizes"] ?? "").split(separator: ",").map { Int($0) ?? 0 }
        let distribution = try DistributionDescriptor(kind: distributionKind, sizes: sizes).distribution()
        guard network.outputWidth == distribution.outputWidth else {
            throw ConfigurationError.unsupported("the network's output width does not match the distribution")
        }
        return Policy(network: network, distribution: distribution)
    }
}
