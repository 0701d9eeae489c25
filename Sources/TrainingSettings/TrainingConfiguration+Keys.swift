import PolicyOptimization
import NeuralNetworks

/// One configuration key: its zoo name, how a value is applied, and how the current one is read.
struct ConfigurationKey: Sendable {
    let name: String
    let apply: @Sendable (inout TrainingConfiguration, ConfigurationValue) throws -> [String]
    let read: @Sendable (TrainingConfiguration) -> ConfigurationValue?
}

extension TrainingConfiguration {
    /// Sets `key` (an RL Zoo name such as `n_steps` or `target_kl`) from an untyped value.
    ///
    /// Returns warnings for accepted keys that have no effect here; throws for unknown keys and
    /// ill-typed values, naming the key.
    @discardableResult
    public mutating func set(_ key: String, to value: ConfigurationValue) throws -> [String] {
        guard let entry = Self.keys.first(where: { $0.name == key }) else {
            throw ConfigurationError.unknownKey(key, known: Self.keys.map(\.name))
        }
        return try entry.apply(&self, value)
    }

    /// Every key with its current value, in table order (what `config.json` holds).
    public var keyValues: [(key: String, value: ConfigurationValue)] {
        Self.keys.compactMap { entry in entry.read(self).map { (entry.name, $0) } }
    }

    /// The names of all keys.
    public static var keyNames: [String] { keys.map(\.name) }

    static let keys: [ConfigurationKey] = [
        ConfigurationKey(name: "algo", apply: { configuration, value in
            guard case .string(let name) = value, let algorithm = Algorithm(rawValue: name.lowercased()) else {
                throw invalid("algo", value, "one of " + Algorithm.allCases.map(\.rawValue).joined(separator: ", "))
            }
            configuration.algorithm = algorithm
            return []
        }, read: { .string($0.algorithm.rawValue) }),
        integer("n_envs", \.environmentCopies, minimum: 1),
        integer("n_steps", \.stepsPerCopy, minimum: 1),
        integer("batch_size", \.batchSize, minimum: 1),
        real("gamma", \.discount, "a number in (0, 1]") { $0 > 0 && $0 <= 1 },
        real("gae_lambda", \.gaeLambda, "a number in [0, 1]") { $0 >= 0 && $0 <= 1 },
        integer("cg_max_steps", \.conjugateGradientIterations, minimum: 1),
        real("cg_damping", \.damping, "a number ≥ 0") { $0 >= 0 },
        real("line_search_shrinking_factor", \.backtrackCoefficient, "a number in (0, 1)") { $0 > 0 && $0 < 1 },
        integer("line_search_max_iter", \.backtrackIterations, minimum: 1),
        ConfigurationKey(name: "target_kl", apply: { configuration, value in
            if case .list(let items) = value, items.isEmpty {  // None
                configuration.targetKL = nil
                return []
            }
            guard let number = value.realValue, number > 0, number.isFinite else {
                throw invalid("target_kl", value, "a number > 0 (δ, the mean-KL bound)")
            }
            configuration.targetKL = number
            return []
        }, read: { configuration in
            // TRPO and NPG always have a δ; PPO's early stop is off when unset.
            if let value = configuration.targetKL { return .real(value) }
            return configuration.usesNaturalGradient ? .real(configuration.naturalGradientSettings.maxKL) : nil
        }),
        integer("n_critic_updates", \.criticEpochs, minimum: 1),
        constantOfSchedule("learning_rate", \.learningRate, \.learningRateSchedule),
        ConfigurationKey(name: "pi_lr", apply: { configuration, value in
            if case .list(let items) = value, items.isEmpty {
                configuration.policyLearningRate = nil
                return []
            }
            guard let number = value.realValue, number > 0, number.isFinite else {
                throw invalid("pi_lr", value, "a number > 0 (the policy's Adam step size)")
            }
            configuration.policyLearningRate = number
            return []
        }, read: { $0.policyLearningRate.map(ConfigurationValue.real) }),
        boolean("normalize_advantage", \.normalizeAdvantage),
        integer("sub_sampling_factor", \.subSamplingFactor, minimum: 1),
        integer("fisher_sub_sampling_factor", \.fisherSubSamplingFactor, minimum: 1),
        ConfigurationKey(name: "normalize", apply: { configuration, value in
            try configuration.applyNormalize(value)
        }, read: { _ in nil }),
        boolean("norm_obs", \.normalizeObservations),
        boolean("norm_reward", \.normalizeRewards),
        ConfigurationKey(name: "policy", apply: { configuration, value in
            try configuration.applyPolicyClass(value)
        }, read: { .string($0.convolutionalNetwork == nil ? "MlpPolicy" : "CnnPolicy") }),
        ConfigurationKey(name: "policy_kwargs", apply: { configuration, value in
            try configuration.applyPolicyKeywords(value)
        }, read: { _ in nil }),
        ConfigurationKey(name: "net_arch", apply: { configuration, value in
            try configuration.applyNetworkArchitecture(value)
        }, read: { configuration in
            .mapping([
                "pi": .list(configuration.policyHiddenWidths.map(ConfigurationValue.integer)),
                "vf": .list(configuration.valueHiddenWidths.map(ConfigurationValue.integer)),
            ])
        }),
        ConfigurationKey(name: "activation_fn", apply: { configuration, value in
            try configuration.applyActivation(value)
        }, read: { .string($0.activation.rawValue) }),
        real("log_std_init", \.logStdInit, "a finite number") { $0.isFinite },
        constantOfSchedule("clip_range", \.clipRange, \.clipRangeSchedule),
        ConfigurationKey(name: "clip_range_vf", apply: { configuration, value in
            if case .list(let items) = value, items.isEmpty {
                configuration.clipRangeValue = nil
                return []
            }
            guard let number = value.realValue, number > 0 else { throw invalid("clip_range_vf", value, "a number > 0") }
            configuration.clipRangeValue = number
            return []
        }, read: { $0.clipRangeValue.map(ConfigurationValue.real) }),
        integer("n_epochs", \.epochs, minimum: 1),
        real("ent_coef", \.entropyCoefficient, "a number ≥ 0") { $0 >= 0 },
        ConfigurationKey(name: "max_grad_norm", apply: { configuration, value in
            guard let number = value.realValue, number > 0 else { throw invalid("max_grad_norm", value, "a number > 0") }
            configuration.maxGradientNorm = number
            return []
        }, read: { $0.maxGradientNorm.map(ConfigurationValue.real) }),
        real("euclidean_delta", \.euclideanDelta, "a number > 0 (δ_E, the bound on ½‖Δθ‖²)") { $0 > 0 },
        // Used only with share_features_extractor: two networks with their own Adams make it moot.
        real("vf_coef", \.valueCoefficient, "a number ≥ 0") { $0 >= 0 },
        ignored("use_sde", because: "gSDE is not implemented; the policy uses a state-independent log σ"),
        ignored("sde_sample_freq", because: "gSDE is not implemented"),
        ConfigurationKey(name: "n_timesteps", apply: { configuration, value in
            guard let number = value.integerValue, number > 0 else { throw invalid("n_timesteps", value, "an integer > 0") }
            configuration.suggestedTimesteps = number
            return []
        }, read: { $0.suggestedTimesteps.map(ConfigurationValue.integer) }),
        integer("checkpoint_interval", \.checkpointInterval, minimum: 1),
    ] + vineKeys + baselineKeys + imageKeys

    static func invalid(_ key: String, _ value: ConfigurationValue, _ expected: String) -> ConfigurationError {
        .invalidValue(key: key, value: value.description, expected: expected)
    }

    static func integer(_ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Int> & Sendable, minimum: Int)
        -> ConfigurationKey
    {
        ConfigurationKey(name: name, apply: { configuration, value in
            guard let number = value.integerValue, number >= minimum else {
                throw invalid(name, value, "an integer ≥ \(minimum)")
            }
            configuration[keyPath: path] = number
            return []
        }, read: { .integer($0[keyPath: path]) })
    }

    static func real(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Double> & Sendable, _ expected: String,
        _ isValid: @escaping @Sendable (Double) -> Bool
    ) -> ConfigurationKey {
        ConfigurationKey(name: name, apply: { configuration, value in
            guard let number = value.realValue, number.isFinite, isValid(number) else {
                throw invalid(name, value, expected)
            }
            configuration[keyPath: path] = number
            return []
        }, read: { .real($0[keyPath: path]) })
    }

    /// A positive number, or the zoo's linear schedule `lin_X`: X times the progress remaining
    /// (SB3's schedule, from 1 at the start of the run to 0 at its budget; see `Schedule`).
    static func constantOfSchedule(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Double> & Sendable,
        _ schedulePath: any WritableKeyPath<TrainingConfiguration, Schedule> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(name: name, apply: { configuration, value in
            var number = value.realValue
            var schedule = Schedule.constant
            if case .string(let text) = value, text.hasPrefix("lin_") {
                number = Double(text.dropFirst(4))
                schedule = .linear
            }
            guard let number, number.isFinite, number > 0 else {
                throw invalid(name, value, "a number > 0, or lin_X (X times the progress remaining)")
            }
            configuration[keyPath: path] = number
            configuration[keyPath: schedulePath] = schedule
            return []
        }, read: { configuration in
            let number = configuration[keyPath: path]
            return configuration[keyPath: schedulePath] == .linear ? .string("lin_\(number)") : .real(number)
        })
    }

    static func boolean(_ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Bool> & Sendable) -> ConfigurationKey {
        ConfigurationKey(name: name, apply: { configuration, value in
            guard let flag = value.boolValue else { throw invalid(name, value, "true or false") }
            configuration[keyPath: path] = flag
            return []
        }, read: { .bool($0[keyPath: path]) })
    }

    static func ignored(_ name: String, because reason: String) -> ConfigurationKey {
        ConfigurationKey(name: name, apply: { _, _ in ["'\(name)' is accepted but ignored: \(reason)"] }, read: { _ in nil })
    }
}
