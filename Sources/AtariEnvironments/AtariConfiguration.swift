import Environments

/// The arguments of ale-py's `AtariEnv` (`ale_py/env.py`) that this library supports.
///
/// Not supported: stochastic frameskip ranges (the `-v0` and frameskipping `-v4` ids), continuous
/// actions, sound observations and rendering.
public struct AtariConfiguration: Sendable, Hashable {
    /// ale-py's `obs_type`.
    public enum ObservationType: String, Sendable, Hashable, CaseIterable {
        /// The screen in colour: 210 × 160 × 3 bytes.
        case rgb
        /// The screen through ALE's grayscale palette: 210 × 160 bytes.
        case grayscale
        /// The 128 bytes of console RAM.
        case ram
    }

    /// The ROM id in snake_case, e.g. `"pong"`.
    public var game: String
    /// The game mode (`setMode`); nil keeps the ROM's default.
    public var mode: Int?
    /// The game difficulty (`setDifficulty`); nil keeps the ROM's default.
    public var difficulty: Int?
    /// What an observation is.
    public var observationType: ObservationType
    /// Emulator frames per step, each repeating the action and summing the rewards.
    public var frameskip: Int
    /// Sticky actions (Machado et al., 2018): the probability that ALE repeats the previous action
    /// instead of the new one, drawn per frame from ALE's own random stream.
    public var repeatActionProbability: Float
    /// All 18 actions instead of the game's minimal set.
    public var fullActionSpace: Bool
    /// ALE's `max_num_frames_per_episode`: an episode is truncated after this many frames.
    public var maxNumFramesPerEpisode: Int?

    /// A configuration from ale-py's argument defaults (`AtariEnv.__init__`).
    public init(
        game: String, mode: Int? = nil, difficulty: Int? = nil, observationType: ObservationType = .rgb,
        frameskip: Int = 4, repeatActionProbability: Float = 0.25, fullActionSpace: Bool = false,
        maxNumFramesPerEpisode: Int? = nil
    ) {
        self.game = game
        self.mode = mode
        self.difficulty = difficulty
        self.observationType = observationType
        self.frameskip = frameskip
        self.repeatActionProbability = repeatActionProbability
        self.fullActionSpace = fullActionSpace
        self.maxNumFramesPerEpisode = maxNumFramesPerEpisode
    }

    /// The keyword arguments of `ALE/<Game>-v5`: frameskip 4, sticky actions 0.25, 108,000 frames.
    public static func v5(game: String, observationType: ObservationType = .rgb) -> AtariConfiguration {
        AtariConfiguration(
            game: game, observationType: observationType, frameskip: 4, repeatActionProbability: 0.25,
            maxNumFramesPerEpisode: 108_000)
    }

    /// The keyword arguments of `<Game>NoFrameskip-v4`: one frame per step, no sticky actions,
    /// 108,000 frames (the ids SB3's Atari wrappers and the RL Zoo use).
    public static func noFrameskipV4(game: String, observationType: ObservationType = .rgb) -> AtariConfiguration {
        AtariConfiguration(
            game: game, observationType: observationType, frameskip: 1, repeatActionProbability: 0,
            maxNumFramesPerEpisode: 108_000)
    }

    /// The shape and element type of this configuration's observations (210 × 160 screens).
    public var observationLayout: ObservationLayout {
        switch observationType {
        case .rgb: return ObservationLayout(shape: [210, 160, 3], elementType: .uint8)
        case .grayscale: return ObservationLayout(shape: [210, 160], elementType: .uint8)
        case .ram: return ObservationLayout(shape: [128], elementType: .uint8)
        }
    }

    /// Throws `invalidConfiguration` for values ale-py rejects.
    public func validate() throws {
        guard frameskip > 0 else {
            throw AtariError.invalidConfiguration("frameskip must be positive, got \(frameskip)")
        }
        guard (0...1).contains(repeatActionProbability) else {
            throw AtariError.invalidConfiguration(
                "repeat_action_probability must be in [0, 1], got \(repeatActionProbability)")
        }
        if let maxNumFramesPerEpisode, maxNumFramesPerEpisode <= 0 {
            throw AtariError.invalidConfiguration(
                "max_num_frames_per_episode must be positive, got \(maxNumFramesPerEpisode)")
        }
    }
}
