import PolicyOptimization

/// Per-environment defaults from the RL Baselines3 Zoo's hyperparameter files.
extension TrainingConfiguration {
    /// The zoo's settings of `algorithm` for `environmentID` over the algorithm's defaults (SB3's for
    /// TRPO and PPO, Spinning Up's for VPG), or those defaults alone for environments the tables here
    /// do not list.
    public static func zooDefaults(for environmentID: String, algorithm: Algorithm = .trpo) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.algorithm = algorithm
        let settings =
            ZooHyperparameters.baseSettings(for: algorithm)
            + (ZooHyperparameters.table(for: algorithm)[environmentID]
                ?? ZooHyperparameters.atari(for: environmentID, algorithm: algorithm) ?? [])
        for (key, value) in settings {
            // The tables hold only known keys with valid values (a test checks every entry).
            _ = try? configuration.set(key, to: value)
        }
        return configuration
    }
}

/// The RL Zoo's hyperparameter tables, one per algorithm, keyed by environment id.
public enum ZooHyperparameters {
    /// An environment's settings: (zoo key, value) pairs, applied in order.
    public typealias Settings = [(String, ConfigurationValue)]

    /// The table of `algorithm`.
    public static func table(for algorithm: Algorithm) -> [String: Settings] {
        switch algorithm {
        case .trpo, .npg, .vpgEuclidean, .npgFixed, .empiricalFIM, .maxKL, .cem, .cma: return trpoClassicControl.merging(trpoMuJoCo) { first, _ in first }
        case .ppo: return ppoClassicControl
        case .vpg: return [:]
        }
    }

    /// The zoo's `hyperparams/trpo.yml` for MuJoCo (REFERENCE.md §3): its `mujoco-defaults`
    /// (the pybullet defaults with 1M steps) with the per-environment changes.
    ///
    /// `normalize: true` is SB3's VecNormalize: observations and rewards. The zoo has no MuJoCo entries for InvertedPendulum-v4,
    /// InvertedDoublePendulum-v4 and Reacher-v4; ours give them the same `mujoco-defaults` with
    /// budgets of our choosing: 100k steps for InvertedPendulum (solved, return 1000, well before
    /// in Tianshou's and Baselines' curves), 1M for InvertedDoublePendulum (Baselines' 1M table),
    /// and 300k for Reacher (the zoo's ReacherBulletEnv budget). The file keys `-v4` ids only; v5
    /// changes rewards and observations but not their scales, so each `-v5` id gets its v4 entry.
    /// HumanoidStandup has no zoo entry: it gets `mujoco-defaults` too.
    static let trpoMuJoCo: [String: Settings] = trpoMuJoCoV4.reduce(into: trpoMuJoCoV4) { table, entry in
        table[String(entry.key.dropLast(3)) + "-v5"] = entry.value
    }

    static let trpoMuJoCoV4: [String: Settings] = [
        "Humanoid-v4": mujocoDefaults + [("n_timesteps", .integer(2_000_000))],
        "HumanoidStandup-v4": mujocoDefaults,
        "Ant-v4": mujocoDefaults,
        "HalfCheetah-v4": mujocoDefaults + [("target_kl", .real(0.04))],
        "Hopper-v4": mujocoDefaults,
        "Walker2d-v4": mujocoDefaults,
        "Swimmer-v4": mujocoDefaults + [("gamma", .real(0.9999))],
        "InvertedPendulum-v4": mujocoDefaults + [("n_timesteps", .integer(100_000))],
        "InvertedDoublePendulum-v4": mujocoDefaults,
        "Reacher-v4": mujocoDefaults + [("n_timesteps", .integer(300_000))],
    ]

    /// The zoo's `&mujoco-defaults` anchor: `&pybullet-defaults` with `n_timesteps: 1e6`.
    static let mujocoDefaults: Settings = [
        ("normalize", .bool(true)), ("n_envs", .integer(2)), ("policy", .string("MlpPolicy")),
        ("batch_size", .integer(128)), ("n_steps", .integer(1024)), ("gamma", .real(0.99)),
        ("gae_lambda", .real(0.95)), ("sub_sampling_factor", .integer(1)), ("cg_max_steps", .integer(25)),
        ("cg_damping", .real(0.1)), ("n_critic_updates", .integer(20)), ("learning_rate", .real(1e-3)),
        ("n_timesteps", .integer(1_000_000)),
    ]

    /// `hyperparams/trpo.yml` for the classic-control environments (REFERENCE.md §3).
    ///
    /// Pendulum-v1 and MountainCarContinuous-v0 use gSDE in the zoo, which we lack; their entries
    /// keep every other zoo setting with a state-independent log σ. Pendulum-v1 gets a stronger
    /// critic instead (learning rate 3e-3, 50 epochs, in place of 1e-3 and 15): of the single and
    /// paired changes tried (δ, damping, critic epochs and rate, log σ, width, reward scaling, λ,
    /// n_steps), it gave the best evaluation returns over seeds 0–9 — 200 episodes from evaluation
    /// seed 1000: −162.1 against −166.6 with the critic rate alone and about −174 with the zoo's
    /// settings; 20 episodes from each run's seed, seeds 0–4: −149.3 against −160.3 and −162.0.
    static let trpoClassicControl: [String: Settings] = [
        "CartPole-v1": [
            ("n_envs", .integer(2)), ("n_steps", .integer(512)), ("batch_size", .integer(512)),
            ("cg_damping", .real(1e-3)), ("gae_lambda", .real(0.98)), ("gamma", .real(0.99)),
            ("learning_rate", .real(1e-3)), ("n_critic_updates", .integer(20)), ("n_timesteps", .integer(100_000)),
        ],
        "Pendulum-v1": [
            ("n_envs", .integer(2)), ("n_steps", .integer(1024)), ("gamma", .real(0.9)),
            ("n_critic_updates", .integer(50)), ("learning_rate", .real(3e-3)), ("n_timesteps", .integer(100_000)),
        ],
        "Acrobot-v1": [
            ("normalize", .bool(true)), ("n_envs", .integer(2)), ("n_steps", .integer(1024)),
            ("n_timesteps", .integer(100_000)),
        ],
        "MountainCar-v0": [
            ("normalize", .bool(true)), ("n_envs", .integer(2)), ("n_steps", .integer(1024)),
            ("n_critic_updates", .integer(20)), ("n_timesteps", .integer(100_000)),
        ],
        "MountainCarContinuous-v0": [
            ("normalize", .bool(true)), ("n_envs", .integer(2)), ("n_timesteps", .integer(50_000)),
        ],
    ]
}
