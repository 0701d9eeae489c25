import DenseLinearAlgebra
import NeuralNetworks
import Policies
import PolicyOptimization

// MARK: - Named tensors of policy files (format 3)

extension PolicyFile {
    /// The prefix of the network's tensors.
    static let networkPrefix = "network."
    /// The prefix of the observation normaliser's tensors (SB3's `obs_rms` with `clip_obs`, `epsilon`).
    static let normalizerPrefix = "obs_normalizer."

    /// θ as the file stores it: the network's named tensors, then the distribution's extra parameters.
    static func namedTensors(of snapshot: PolicySnapshot) throws -> [String: SafeTensor] {
        let policy = snapshot.policy
        var tensors: [String: SafeTensor] = [:]
        let networkParameters = Array(snapshot.parameters[0..<policy.extraParameterOffset])
        for tensor in policy.network.namedTensors(parameters: networkParameters) {
            tensors[networkPrefix + tensor.name] = try SafeTensor(floats: tensor.values, shape: tensor.shape)
        }
        if policy.distribution.extraParameterCount > 0 {
            tensors[policy.distribution.extraParameterName] = try SafeTensor(
                floats: policy.extraParameters(of: snapshot.parameters))
        }
        return tensors
    }

    /// θ from the named tensors of a file (the inverse of `namedTensors(of:)`).
    static func namedParameters(of policy: Policy, in file: SafeTensorsFile) throws -> [Float] {
        var network: [String: NamedParameterTensor] = [:]
        for (name, tensor) in file.tensors where name.hasPrefix(networkPrefix) {
            let short = String(name.dropFirst(networkPrefix.count))
            network[short] = NamedParameterTensor(name: short, shape: tensor.shape, values: try file.floats(named: name))
        }
        var parameters = try policy.network.parameters(fromNamedTensors: network)
        let extraCount = policy.distribution.extraParameterCount
        if extraCount > 0 {
            let name = policy.distribution.extraParameterName
            let extra = try file.floats(named: name)
            guard extra.count == extraCount else {
                throw NamedParameterError.shapeMismatch(name: name, expected: [extraCount], found: [extra.count])
            }
            parameters += extra
        }
        return parameters
    }

    /// Writes the normaliser: mean and var per observation entry, count, clip and ε as scalars.
    static func addNormalizer(
        _ statistics: RunningMeanVariance, clip: Double, epsilon: Double, to tensors: inout [String: SafeTensor]
    ) throws {
        tensors[normalizerPrefix + "mean"] = try SafeTensor(doubles: statistics.mean)
        tensors[normalizerPrefix + "var"] = try SafeTensor(doubles: statistics.variance)
        for (name, value) in [("count", statistics.count), ("clip", clip), ("epsilon", epsilon)] {
            tensors[normalizerPrefix + name] = try SafeTensor(doubles: [value], shape: [])
        }
    }

    /// The normaliser of a file, nil if it has none.
    static func normalizer(in file: SafeTensorsFile, path: String) throws
        -> (statistics: RunningMeanVariance, clip: Double, epsilon: Double)?
    {
        guard file.tensors[normalizerPrefix + "mean"] != nil else { return nil }
        let scalars = try ["count", "clip", "epsilon"].map { try file.doubles(named: normalizerPrefix + $0) }
        guard scalars.allSatisfy({ $0.count == 1 }), scalars[1][0] > 0, scalars[2][0] >= 0,
            let statistics = RunningMeanVariance(
                mean: try file.doubles(named: normalizerPrefix + "mean"),
                variance: try file.doubles(named: normalizerPrefix + "var"), count: scalars[0][0])
        else { throw RunError.malformedFile(path: path, reason: "obs_normalizer is not a valid mean/variance/clip/epsilon") }
        return (statistics, scalars[1][0], scalars[2][0])
    }
}
