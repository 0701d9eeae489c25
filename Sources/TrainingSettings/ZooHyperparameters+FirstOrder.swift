import PolicyOptimization

/// The defaults and tables of the first-order rules: PPO from the RL Zoo, VPG from Spinning Up.
extension ZooHyperparameters {
    /// The settings every environment starts from for `algorithm`, before its table entry.
    ///
    /// TRPO, NPG and the Euclidean VPG use `TrainingConfiguration`'s own defaults (SB3-contrib's
    /// TRPO), so NPG and the Euclidean VPG differ from TRPO only in the step. PPO starts from SB3's
    /// PPO defaults and VPG from Spinning Up's.
    public static func baseSettings(for algorithm: Algorithm) -> Settings {
        switch algorithm {
        case .trpo, .npg, .vpgEuclidean, .npgFixed, .empiricalFIM, .maxKL, .cem, .cma: return []
        case .ppo: return stableBaselinesPPO
        case .vpg: return spinningUpVPG
        }
    }

    /// SB3's `PPO.__init__` defaults that differ from `TrainingConfiguration`'s (SB3 docs, PPO):
    /// learning_rate 3e-4, n_steps 2048, batch_size 64, n_epochs 10, γ 0.99, λ 0.95, ε 0.2,
    /// ent_coef 0, max_grad_norm 0.5, target_kl None, clip_range_vf None.
    static let stableBaselinesPPO: Settings = [
        ("learning_rate", .real(3e-4)), ("n_steps", .integer(2048)), ("batch_size", .integer(64)),
        ("n_epochs", .integer(10)), ("gamma", .real(0.99)), ("gae_lambda", .real(0.95)),
        ("clip_range", .real(0.2)), ("ent_coef", .real(0)), ("max_grad_norm", .real(0.5)),
    ]

    /// Spinning Up's `vpg` defaults (`spinup/algos/pytorch/vpg/vpg.py`): 4000 steps per epoch from one
    /// environment, γ 0.99, λ 0.97, pi_lr 3e-4 with one full-batch Adam step per epoch, vf_lr 1e-3
    /// with 80 full-batch Adam steps (train_v_iters), (64, 64) tanh networks, log σ starting at −0.5.
    ///
    /// Spinning Up regresses V on the discounted reward-to-go; the shared loop here regresses it on
    /// the GAE λ-returns, as SB3 does.
    static let spinningUpVPG: Settings = [
        ("n_envs", .integer(1)), ("n_steps", .integer(4000)), ("gamma", .real(0.99)), ("gae_lambda", .real(0.97)),
        ("pi_lr", .real(3e-4)), ("learning_rate", .real(1e-3)), ("n_critic_updates", .integer(80)),
        ("batch_size", .integer(4000)), ("log_std_init", .real(-0.5)),
    ]

    /// The zoo's `hyperparams/ppo.yml` for the classic-control environments (DLR-RM/rl-baselines3-zoo
    /// at 208b6fd; the entries are the same at 00128b5).
    ///
    /// What differs from the zoo: CartPole-v1's `learning_rate: lin_0.001` and `clip_range: lin_0.2`
    /// are constants here (0.001, 0.2); Pendulum-v1 and MountainCarContinuous-v0 use gSDE in the zoo
    /// (`use_sde`, `sde_sample_freq`), which we lack, so they keep every other setting with a
    /// state-independent log σ; `vf_coef` has no effect (MLP critics have their own network and Adam).
    static let ppoClassicControl: [String: Settings] = [
        "CartPole-v1": [
            ("n_envs", .integer(8)), ("n_timesteps", .integer(100_000)), ("n_steps", .integer(32)),
            ("batch_size", .integer(256)), ("gae_lambda", .real(0.8)), ("gamma", .real(0.98)),
            ("n_epochs", .integer(20)), ("ent_coef", .real(0)), ("learning_rate", .real(1e-3)),
            ("clip_range", .real(0.2)),
        ],
        "Pendulum-v1": [
            ("n_envs", .integer(4)), ("n_timesteps", .integer(100_000)), ("n_steps", .integer(1024)),
            ("gae_lambda", .real(0.95)), ("gamma", .real(0.9)), ("n_epochs", .integer(10)), ("ent_coef", .real(0)),
            ("learning_rate", .real(1e-3)), ("clip_range", .real(0.2)),
        ],
        "MountainCar-v0": [
            ("normalize", .bool(true)), ("n_envs", .integer(16)), ("n_timesteps", .integer(1_000_000)),
            ("n_steps", .integer(16)), ("gae_lambda", .real(0.98)), ("gamma", .real(0.99)), ("n_epochs", .integer(4)),
            ("ent_coef", .real(0)),
        ],
        "MountainCarContinuous-v0": [
            ("normalize", .bool(true)), ("n_envs", .integer(1)), ("n_timesteps", .integer(20_000)),
            ("batch_size", .integer(256)), ("n_steps", .integer(8)), ("gamma", .real(0.9999)),
            ("learning_rate", .real(7.77e-5)), ("ent_coef", .real(0.00429)), ("clip_range", .real(0.1)),
            ("n_epochs", .integer(10)), ("gae_lambda", .real(0.9)), ("max_grad_norm", .real(5)),
            ("policy_kwargs", .string("dict(log_std_init=-3.29, ortho_init=False)")),
        ],
        "Acrobot-v1": [
            ("normalize", .bool(true)), ("n_envs", .integer(16)), ("n_timesteps", .integer(1_000_000)),
            ("n_steps", .integer(256)), ("gae_lambda", .real(0.94)), ("gamma", .real(0.99)), ("n_epochs", .integer(4)),
            ("ent_coef", .real(0)),
        ],
    ]
}
