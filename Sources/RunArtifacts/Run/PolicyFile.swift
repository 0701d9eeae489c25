import DenseLinearAlgebra
import Environments
import Foundation
import NeuralNetworks
import Policies
import PolicyOptimization
import Rollouts

/// `policy.safetensors`: the final policy alone — θ as named tensors, the observation normaliser
/// if any, and the architecture in the metadata — enough for `trpo eval`, `trpo rollout --run-dir`
/// and a few lines of Python (`examples/run_policy.py`).
///
/// Tensors (format 3), in PyTorch's convention so that `torch.nn.Sequential(...).load_state_dict`
/// takes them without reshaping:
/// - `network.<name>`: the network's own naming (`DifferentiableNetwork.namedTensors`); for an MLP
///   `network.0.weight` [out, in], `network.0.bias` [out], `network.2.weight`, … — the indices of
///   `Sequential(Linear, activation, Linear, …)`; a network without a naming of its own stores
///   `network.parameters`, θ as it is;
/// - the distribution's extra parameters under their name (`log_std` for a Gaussian);
/// - `obs_normalizer.mean`, `.var` [obs] and `.count`, `.clip`, `.epsilon` [] (float64, as
///   SB3's `VecNormalize`): the policy sees clip((x − mean)/√(var + epsilon), ±clip).
///
/// The metadata names the network (`network` = its kind, `network.<attribute>` its settings, e.g.
/// `network.widths` = `4,64,64,2`, `network.activation` = `tanh`) and the distribution
/// (`distribution`, `distribution_sizes`), so any registered kind is rebuilt without changes here.
/// Files of format 2 (one flat `policy/parameters` vector) are still read.
public enum PolicyFile {
    /// The format version written to `__metadata__["format"]`.
    public static let format = "trustregion-policy-3"
    /// The flat layout written before named tensors, still read.
    public static let flatFormat = "trustregion-policy-2"

    /// The safetensors file of a policy.
    public static func file(_ snapshot: PolicySnapshot, environmentID: String) throws -> SafeTensorsFile {
        var tensors = try namedTensors(of: snapshot)
        if let statistics = snapshot.observationStatistics {
            try addNormalizer(
                statistics, clip: snapshot.clipObservation, epsilon: snapshot.observationEpsilon, to: &tensors)
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

    /// The policy in a file, for the environment it names (which must be registered), acting in
    /// that id's spaces or in `spaces` (the training stack a run wrapped the id in, an Atari run's).
    public static func snapshot(
        from file: SafeTensorsFile, path: String, registry: EnvironmentRegistry = .shared,
        spaces: (observation: Space, action: Space)? = nil
    ) throws -> (snapshot: PolicySnapshot, environmentID: String) {
        let metadata = file.metadata
        let flat = metadata["format"] == flatFormat
        guard try flat || file.requireFormat(format, path: path) else {
            throw RunError.malformedFile(path: path, reason: "not a TrustRegion policy (format \(metadata["format"] ?? "missing"))")
        }
        try file.requireFinite(path: path)
        let policy: Policy
        do {
            policy = try architecture(in: metadata)
        } catch {
            throw RunError.malformedFile(path: path, reason: "policy architecture: \(error)")
        }
        guard let id = metadata["env"], var clip = metadata["clip_observation"].flatMap({ Double($0) }) else {
            throw RunError.malformedFile(path: path, reason: "policy metadata is missing or invalid")
        }
        let parameters: [Float]
        var statistics: RunningMeanVariance?
        var epsilon = 1e-8
        do {
            if flat {
                parameters = try file.floats(named: "policy/parameters")
                if file.tensors["normalizer/observations/mean"] != nil {
                    statistics = try Checkpoint.statistics(named: "normalizer/observations", in: file, path: path)
                }
            } else {
                parameters = try namedParameters(of: policy, in: file)
                if let normalizer = try normalizer(in: file, path: path) {
                    (statistics, clip, epsilon) = (normalizer.statistics, normalizer.clip, normalizer.epsilon)
                }
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
        let (observationSpace, actionSpace) = spaces ?? (specification.observationSpace, specification.actionSpace)
        guard observationSpace.dimension == policy.observationWidth,
            ActionDistributions.distribution(for: actionSpace).descriptor == policy.distribution.descriptor
        else {
            let wrapped = spaces == nil ? "" : " as the run wrapped it"
            throw RunError.malformedFile(path: path, reason: "the policy does not fit \(id)'s spaces\(wrapped)")
        }
        if let statistics, statistics.dimension != policy.observationWidth {
            throw RunError.malformedFile(path: path, reason: "normaliser width differs from the observation width")
        }
        let snapshot = PolicySnapshot(
            policy: policy, parameters: parameters, observationStatistics: statistics, clipObservation: clip,
            observationEpsilon: epsilon, actionSpace: actionSpace)
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
