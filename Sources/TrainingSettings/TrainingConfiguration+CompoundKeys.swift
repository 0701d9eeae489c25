import NeuralNetworks
import PolicyOptimization

// MARK: - Compound keys

extension TrainingConfiguration {
    /// The zoo's `normalize`: true/false for observations and rewards together, or a mapping such as
    /// `"{'norm_obs': True, 'norm_reward': False}"`.
    mutating func applyNormalize(_ value: ConfigurationValue) throws -> [String] {
        if let flag = value.boolValue {
            normalizeObservations = flag
            normalizeRewards = flag
            return []
        }
        var mapping: [String: ConfigurationValue]
        switch value {
        case .mapping(let pairs): mapping = pairs
        case .string(let text):
            guard case .mapping(let pairs) = try PythonLiteral.parse(text) else { fallthrough }
            mapping = pairs
        default:
            throw Self.invalid("normalize", value, "true, false, or {'norm_obs': …, 'norm_reward': …}")
        }
        var warnings: [String] = []
        for (key, entry) in mapping {
            switch key {
            case "norm_obs", "norm_reward": warnings += try set(key, to: entry)
            default: warnings.append("normalize: '\(key)' is ignored (only norm_obs and norm_reward are used)")
            }
        }
        return warnings
    }

    /// The zoo's `policy_kwargs`: a Python `dict(...)` string or a mapping.
    mutating func applyPolicyKeywords(_ value: ConfigurationValue) throws -> [String] {
        var parsed = value
        if case .string(let text) = value { parsed = try PythonLiteral.parse(text) }
        guard case .mapping(let pairs) = parsed else {
            throw Self.invalid("policy_kwargs", value, "dict(net_arch=…, activation_fn=…, log_std_init=…)")
        }
        var warnings: [String] = []
        for key in pairs.keys.sorted() {
            guard let entry = pairs[key] else { continue }
            switch key {
            case "net_arch", "activation_fn", "log_std_init", "features_extractor_class":
                warnings += try set(key, to: entry)
            case "ortho_init":
                if entry.boolValue == false {
                    warnings.append("policy_kwargs: ortho_init=False is ignored; orthogonal initialisation is always used")
                }
            default:
                throw ConfigurationError.unknownKey(
                    "policy_kwargs.\(key)",
                    known: ["net_arch", "activation_fn", "log_std_init", "ortho_init", "features_extractor_class"])
            }
        }
        return warnings
    }

    /// `net_arch`: `[64, 64]` for both networks, or `{pi: [...], vf: [...]}`; SB3's older
    /// `[dict(pi=…, vf=…)]` form too.
    mutating func applyNetworkArchitecture(_ value: ConfigurationValue) throws -> [String] {
        func widths(_ list: ConfigurationValue) throws -> [Int] {
            guard case .list(let items) = list else { throw Self.invalid("net_arch", value, "a list of widths") }
            return try items.map { item in
                guard let width = item.integerValue, width > 0 else {
                    throw Self.invalid("net_arch", value, "positive integer widths")
                }
                return width
            }
        }
        switch value {
        case .list(let items):
            if items.count == 1, case .mapping = items[0] { return try applyNetworkArchitecture(items[0]) }
            let shared = try widths(value)
            policyHiddenWidths = shared
            valueHiddenWidths = shared
        case .mapping(let pairs):
            guard let policyWidths = pairs["pi"], let valueWidths = pairs["vf"], pairs.count == 2 else {
                throw Self.invalid("net_arch", value, "{pi: [...], vf: [...]}")
            }
            policyHiddenWidths = try widths(policyWidths)
            valueHiddenWidths = try widths(valueWidths)
        case .string(let text):
            // A string is parsed once: a bare name parses to itself, which must not recurse (fuzzing found it).
            let parsed = try PythonLiteral.parse(text)
            if case .string = parsed { throw Self.invalid("net_arch", value, "a list of widths or {pi: [...], vf: [...]}") }
            return try applyNetworkArchitecture(parsed)
        default:
            throw Self.invalid("net_arch", value, "a list of widths or {pi: [...], vf: [...]}")
        }
        return []
    }

    /// `activation_fn`: tanh or relu (also PyTorch's spelling `nn.Tanh`, `nn.ReLU`).
    mutating func applyActivation(_ value: ConfigurationValue) throws -> [String] {
        guard case .string(let name) = value else { throw Self.invalid("activation_fn", value, "tanh or relu") }
        // "nn.ReLU" and "torch.nn.Tanh" name the same functions as "relu" and "tanh".
        switch name.lowercased().split(separator: ".").last.map(String.init) ?? "" {
        case "tanh": activation = .tanh
        case "relu": activation = .relu
        default: throw Self.invalid("activation_fn", value, "tanh or relu (nn.Tanh, nn.ReLU)")
        }
        return []
    }
}

