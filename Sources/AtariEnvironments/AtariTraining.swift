import Environments

/// The environments the trainer steps for Atari ids: the preprocessed, frame-stacked game the
/// RL Zoo trains on (its `env_wrapper: AtariWrapper` and `frame_stack: 4`), as the vector
/// environments of the `atari:` scheme (`atari:4/BreakoutNoFrameskip-v4`: 4 stacked frames).
public enum AtariTraining {
    /// The scheme of the trainer's Atari vector environments.
    public static let scheme = "atari"

    /// The vector-environment id for `id` with `frameStack` stacked frames of `height × width`.
    public static func vectorID(for id: String, frameStack: Int, height: Int = 84, width: Int = 84) -> String {
        "\(scheme):\(frameStack)\((height, width) == (84, 84) ? "" : "x\(height)x\(width)")/\(id)"
    }

    #if ALE
    /// The stack one copy runs for the registry id `id` (`<Game>NoFrameskip-v4` or `ALE/<Game>-v5`).
    ///
    /// This is the one place the trainer's Atari stack is built. A `<Game>NoFrameskip-v4` id on
    /// 84 × 84 gets the RL Zoo's: SB3's `AtariWrapper` (noop reset, frame skip 4 with max-pooling,
    /// episodic life, fire reset, 84×84 gray, clipped rewards) and `VecFrameStack` (channels first,
    /// zeros before the first frame), with `Monitor`'s whole games as the reported episodes
    /// (`EpisodeReporting`), so the learner sees clipped rewards and life-loss ends while
    /// `rollout/ep_rew_mean` is the game score. An `ALE/<Game>-v5` id, or another screen size than
    /// 84 × 84 (the paper's 52 × 40), gets Gymnasium's `AtariPreprocessing` (no life loss, no
    /// clipping) and `FrameStackObservation`, with the id's sticky-action probability.
    public static func stack(id: String, frameStack: Int, height: Int = 84, width: Int = 84, roms: AtariROMs) throws
        -> any Environment
    {
        guard let entry = AtariEnvironments.entries(games: roms.games).first(where: { $0.id == id }),
            entry.configuration.observationType != .ram
        else {
            throw AtariError.invalidConfiguration("\(id) is not an Atari id with screen observations")
        }
        let configuration = entry.configuration
        if configuration.frameskip == 1, (height, width) == (84, 84) {
            return try AtariEnvironments.atariWrapperStack(
                game: configuration.game, repeatActionProbability: configuration.repeatActionProbability,
                stackSize: frameStack, roms: roms)
        }
        guard (height, width) == (84, 84) else {
            var oneFrame = AtariConfiguration.v5(game: configuration.game, observationType: .rgb)
            oneFrame.frameskip = 1
            oneFrame.repeatActionProbability = configuration.repeatActionProbability
            let preprocessed = try AtariPreprocessing(AtariEnvironment(oneFrame, roms: roms), width: width, height: height)
            return try FrameStack(preprocessed, count: frameStack)
        }
        return try AtariEnvironments.preprocessedStack(
            game: configuration.game, repeatActionProbability: configuration.repeatActionProbability,
            stackSize: frameStack, roms: roms)
    }

    /// Routes the `atari:` scheme of `registry` to `count` copies of `stack(id:frameStack:roms:)`.
    public static func registerProvider(in registry: EnvironmentRegistry, roms: AtariROMs) {
        registry.registerVectorProvider(scheme: scheme) { target, count, threads in
            let invalid = AtariError.invalidConfiguration(
                "atari:\(target): expected atari:<frames>/<id> or atari:<frames>x<height>x<width>/<id>")
            guard let slash = target.firstIndex(of: "/") else { throw invalid }
            let numbers = target[..<slash].split(separator: "x").map { Int($0) }
            guard numbers.count == 1 || numbers.count == 3, let frameStack = numbers[0], frameStack > 0 else {
                throw invalid
            }
            let (height, width) = numbers.count == 3 ? (numbers[1] ?? 0, numbers[2] ?? 0) : (84, 84)
            let id = String(target[target.index(after: slash)...])
            return try VectorEnvironment(count: count, threads: threads, name: id) {
                try stack(id: id, frameStack: frameStack, height: height, width: width, roms: roms)
            }
        }
    }
    #endif
}
