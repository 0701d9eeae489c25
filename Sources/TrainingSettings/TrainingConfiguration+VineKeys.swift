import PolicyOptimization
import Rollouts

extension TrainingConfiguration {
    /// The vine's keys (our names; the zoo has no vine).
    static let vineKeys: [ConfigurationKey] = [
        ConfigurationKey(name: "sampler", apply: { configuration, value in
            guard case .string(let name) = value, let sampler = Sampler(rawValue: name.lowercased()) else {
                throw invalid("sampler", value, "single_path or vine")
            }
            configuration.sampler = sampler
            return []
        }, read: { .string($0.sampler.rawValue) }),
        integer("vine_states", \.vine.states, minimum: 1),
        integer("vine_actions", \.vine.actions, minimum: 1),
        integer("vine_horizon", \.vine.horizon, minimum: 1),
    ]
}
