import PolicyOptimization

/// PPO-clip (Schulman et al. 2017) on a registered environment: `try PPO(environment: "CartPole-v1")`.
public final class PPO: Agent {
    /// A PPO agent; settings default to the RL Zoo's `ppo.yml` for the environment over SB3's PPO defaults.
    public init(
        environment id: String, configuration: TrainingConfiguration? = nil, seed: UInt64 = 0, threads: Int = 1
    ) throws {
        try super.init(environment: id, algorithm: .ppo, configuration: configuration, seed: seed, threads: threads)
    }
}

/// The natural policy gradient (Kakade 2001): TRPO's step without the line search.
public final class NPG: Agent {
    /// An NPG agent; settings default to TRPO's zoo settings for the environment.
    public init(
        environment id: String, configuration: TrainingConfiguration? = nil, seed: UInt64 = 0, threads: Int = 1
    ) throws {
        try super.init(environment: id, algorithm: .npg, configuration: configuration, seed: seed, threads: threads)
    }
}

/// The vanilla policy gradient with Adam (REINFORCE with a baseline, as Spinning Up's VPG).
public final class VPG: Agent {
    /// A VPG agent; settings default to Spinning Up's VPG defaults.
    public init(
        environment id: String, configuration: TrainingConfiguration? = nil, seed: UInt64 = 0, threads: Int = 1
    ) throws {
        try super.init(environment: id, algorithm: .vpg, configuration: configuration, seed: seed, threads: threads)
    }
}
