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
    /// This is the one place the trainer's Atari stack is built: Gymnasium's `AtariPreprocessing`
    /// (noop reset, frame skip 4 with max-pooling, grayscale, 84×84) and `FrameStackObservation`
    /// (channels first, 4 × 84 × 84), with the id's sticky-action probability (0 for v4 ids,
    /// 0.25 for v5). SB3's `AtariWrapper` stack (episodic life, fire reset, reward clipping) will
    /// replace it here. Another screen size than 84 × 84 (the paper's 52 × 40) resizes to it instead.
    public static func stack(id: String, frameStack: Int, height: Int = 84, width: Int = 84, roms: AtariROMs) throws
        -> any Environment
    {
        guard let entry = AtariEnvironments.entries(games: roms.games).first(where: { $0.id == id }),
            entry.configuration.observationType != .ram
        else {
            throw AtariError.invalidConfiguration("\(id) is not an Atari id with screen observations")
        }
        guard (height, width) == (84, 84) else {
            var configuration = AtariConfiguration.v5(game: entry.configuration.game, observationType: .rgb)
            configuration.frameskip = 1
            configuration.repeatActionProbability = entry.configuration.repeatActionProbability
            let preprocessed = try AtariPreprocessing(
                AtariEnvironment(configuration, roms: roms), width: width, height: height)
            return try FrameStack(preprocessed, count: frameStack)
        }
        return try AtariEnvironments.preprocessedStack(
            game: entry.configuration.game, repeatActionProbability: entry.configuration.repeatActionProbability,
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
