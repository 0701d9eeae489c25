import PolicyOptimization

/// The settings of Atari ids: the RL Zoo's `atari` entry of `hyperparams/ppo.yml` for PPO, and the
/// same environment settings for the other rules.
extension ZooHyperparameters {
    /// The settings of `id` if it is an Atari id with screen observations (`<Game>NoFrameskip-v4`,
    /// `ALE/<Game>-v5`), else nil.
    public static func atari(for id: String, algorithm: Algorithm) -> Settings? {
        let isAtari = (id.hasSuffix("NoFrameskip-v4") || (id.hasPrefix("ALE/") && id.hasSuffix("-v5")))
            && !id.contains("-ram")
        guard isAtari else { return nil }
        return atariEnvironment + (algorithm == .ppo ? ppoAtari : trpoAtari)
    }

    /// The zoo's Atari conventions: SB3's `AtariWrapper`, 4 stacked frames, `CnnPolicy` (NatureCNN;
    /// PPO shares it between π and V as SB3 does, the other rules have a second one for V), 8 copies.
    static let atariEnvironment: Settings = [
        ("env_wrapper", .string("AtariWrapper")), ("frame_stack", .integer(4)), ("policy", .string("CnnPolicy")),
        ("n_envs", .integer(8)),
    ]

    /// The zoo's PPO `atari` entry (REFERENCE.md §8.1): 128 steps per copy, 4 epochs of
    /// minibatches of 256, 10M steps, `lin_2.5e-4` and `lin_0.1` schedules, ent_coef 0.01
    /// (`vf_coef` 0.5 weighs the critic's loss in the joint loss), and SB3's `CnnPolicy` default of one
    /// NatureCNN for π and V (`share_features_extractor`; Documentation/Atari.md has the runs with two).
    static let ppoAtari: Settings = [
        ("n_steps", .integer(128)), ("n_epochs", .integer(4)), ("batch_size", .integer(256)),
        ("n_timesteps", .integer(10_000_000)), ("learning_rate", .string("lin_2.5e-4")),
        ("clip_range", .string("lin_0.1")), ("vf_coef", .real(0.5)), ("ent_coef", .real(0.01)),
        ("share_features_extractor", .bool(true)),
    ]

    /// TRPO, NPG and the Euclidean VPG on Atari: the zoo has no entry; 8 × 128 steps per iteration
    /// (the PPO entry's batch, and what the issue compares SB3-contrib's TRPO with), 10M steps, and
    /// SB3-contrib's TRPO defaults otherwise (δ 0.01, 15 CG steps, damping 0.1, 10 critic epochs).
    static let trpoAtari: Settings = [("n_steps", .integer(128)), ("n_timesteps", .integer(10_000_000))]
}
