/// The two sampling schemes of Schulman et al. (2015, §5).
public enum Sampler: String, Sendable, Hashable, CaseIterable {
    /// One trajectory per start state; every step is a sample with its GAE advantage (§5.1).
    case singlePath = "single_path"
    /// Trunk trajectories, a rollout set of states, K actions per state, and a branch rollout from
    /// each (state, action) with common random numbers (§5.2).
    case vine
}

/// The vine's settings (Schulman et al. 2015, §5.2).
public struct VineSettings: Sendable, Hashable {
    /// N: states of the rollout set, chosen uniformly from the trunk each iteration.
    public var states: Int = 256
    /// K: actions per state. Discrete spaces with at most this many actions enumerate all of them
    /// (L_n = Σ_k π_θ(a_k|s_n) Q̂(s_n, a_k)); otherwise K actions are drawn from q = π_old and the
    /// self-normalised estimator is used.
    public var actions: Int = 4
    /// H: steps of each branch rollout (ended early by termination); Q̂ adds γ^H·V(s_H) when the
    /// branch is cut by H or a time limit.
    public var horizon: Int = 100

    public init() {}
}

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
