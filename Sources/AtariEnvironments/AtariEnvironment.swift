#if ALE
import Environments

/// An Atari 2600 game on the Arcade Learning Environment: ale-py's `AtariEnv` (`ale_py/env.py`).
///
/// `resetBytes`/`stepBytes` return the screen (or RAM) as bytes; `reset`/`step` return the same
/// values as `Float`. A step repeats the action for `frameskip` emulator frames and sums their
/// rewards; `terminated` is ALE's `game_over(with_truncation=False)`, `truncated` its
/// `game_truncated()` (the `max_num_frames_per_episode` limit).
///
/// Seeding is ale-py's: `reset(seed: s)` takes two 32-bit words from NumPy's `SeedSequence(s)`,
/// seeds the environment's NumPy generator with the first and ALE's `random_seed` (as an int32)
/// with the second, then reloads the ROM, so the episode, sticky actions included, is ale-py's.
/// Until the first seeded reset the environment behaves as if seeded with 0 (ale-py draws
/// that seed from the operating system instead).
public final class AtariEnvironment: ByteObservationEnvironment, LivesReporting {
    /// The settings this environment was built with.
    public let configuration: AtariConfiguration
    /// The actions, as ALE action codes: the minimal set of the game or all 18.
    public let actionCodes: [Int32]
    /// The shape of the observations: `(210, 160, 3)`, `(210, 160)` or `(128,)` bytes.
    public let observationLayout: ObservationLayout
    public let observationSpace: Space
    public let actionSpace: Space

    let emulator: ALEEmulator
    let romPath: String
    /// ale-py's `np_random` after `seed_game` (used by AtariPreprocessing's no-op count).
    var numPyStream: NumPyIntegerStream
    /// Reused scratch buffer for one observation.
    private var observationBuffer: [UInt8]

    /// Loads `configuration.game` from `roms` (this build's installed ROMs by default), checking
    /// its md5; throws `AtariError` on an unknown game, a missing or altered ROM, or a bad setting.
    public init(_ configuration: AtariConfiguration, roms: AtariROMs? = nil) throws {
        try configuration.validate()
        self.configuration = configuration
        let roms = try roms ?? AtariEnvironments.installedROMs()
        romPath = try roms.verifiedPath(of: configuration.game, md5: ALEEmulator.md5(ofFile:))
        emulator = try ALEEmulator()
        try emulator.setFloat("repeat_action_probability", configuration.repeatActionProbability)
        if let frames = configuration.maxNumFramesPerEpisode {
            try emulator.setInt("max_num_frames_per_episode", Int32(clamping: frames))
        }
        numPyStream = NumPyIntegerStream(seed: 0)
        observationLayout = configuration.observationLayout
        observationBuffer = [UInt8](repeating: 0, count: observationLayout.count)
        observationSpace = observationLayout.box(low: 0, high: 255)
        try Self.seedGame(emulator, stream: &numPyStream, seed: 0)
        try Self.loadGame(emulator, romPath: romPath, configuration: configuration)
        actionCodes = emulator.actionSet(minimal: !configuration.fullActionSpace)
        actionSpace = .discrete(count: actionCodes.count)
        guard emulator.screenHeight * emulator.screenWidth == 210 * 160 else {
            throw AtariError.emulator("unexpected screen size \(emulator.screenHeight)×\(emulator.screenWidth)")
        }
    }

    /// ale-py's `seed_game`: `SeedSequence(seed).generate_state(2)` → NumPy seed, ALE seed.
    static func seedGame(_ emulator: ALEEmulator, stream: inout NumPyIntegerStream, seed: UInt64) throws {
        let words = SeedSequence(seed: seed).generateState(count: 2)
        stream = NumPyIntegerStream(seed: UInt64(words[0]))
        try emulator.setInt("random_seed", Int32(bitPattern: words[1]))
    }

    /// ale-py's `load_game`: (re)loads the ROM, then sets the mode and difficulty if given.
    static func loadGame(_ emulator: ALEEmulator, romPath: String, configuration: AtariConfiguration) throws {
        try emulator.loadROM(romPath)
        if let mode = configuration.mode { try emulator.setMode(mode) }
        if let difficulty = configuration.difficulty { try emulator.setDifficulty(difficulty) }
    }

    /// The lives left (ALE's `lives()`).
    public var lives: Int { emulator.lives }
    /// Frames since the start of the episode (ALE's `getEpisodeFrameNumber()`).
    public var episodeFrameNumber: Int { emulator.episodeFrameNumber }
    /// Frames since the ROM was loaded (ALE's `getFrameNumber()`).
    public var frameNumber: Int { emulator.frameNumber }
    /// The ALE version linked into this build.
    public static var aleVersion: String { ALEEmulator.version }

    // MARK: - Byte observations

    public func resetBytes(seed: UInt64?) throws -> [UInt8] {
        try resetEmulator(seed: seed)
        return observation()
    }

    public func stepBytes(_ action: Action) throws -> ByteStepResult {
        let (reward, terminated, truncated) = try advance(action, frames: configuration.frameskip)
        return ByteStepResult(observation: observation(), reward: reward, terminated: terminated, truncated: truncated)
    }

    /// `reset` without reading the observation: re-seeds and reloads the ROM if `seed` is given,
    /// then ALE's `reset_game()`.
    func resetEmulator(seed: UInt64?) throws {
        if let seed {
            try Self.seedGame(emulator, stream: &numPyStream, seed: seed)
            try Self.loadGame(emulator, romPath: romPath, configuration: configuration)
        }
        emulator.resetGame()
    }

    /// Repeats `action` for `frames` emulator frames; returns the summed reward and the flags.
    func advance(_ action: Action, frames: Int) throws -> (reward: Double, terminated: Bool, truncated: Bool) {
        let code = try actionCode(action)
        var reward = 0.0
        for _ in 0..<frames { reward += Double(emulator.act(code)) }
        return (reward, emulator.gameOver(withTruncation: false), emulator.gameTruncated)
    }

    /// The ALE code of an action index; throws `invalidAction` unless it indexes the action set.
    func actionCode(_ action: Action) throws -> Int32 {
        guard case .discrete(let index) = action, actionCodes.indices.contains(index) else {
            throw AtariError.invalidAction(action: action.jsonDescription, count: actionCodes.count)
        }
        return actionCodes[index]
    }

    /// The current observation (screen or RAM) as a new array.
    public func observation() -> [UInt8] {
        observationBuffer.withUnsafeMutableBufferPointer { writeObservation(into: $0) }
        return observationBuffer
    }

    /// Writes the current observation into `buffer` (at least `observationLayout.count` bytes).
    public func writeObservation(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, buffer.count >= observationLayout.count else { return }
        switch configuration.observationType {
        case .rgb: emulator.screenRGB(into: base)
        case .grayscale: emulator.screenGrayscale(into: base)
        case .ram: emulator.ram(into: base)
        }
    }

    /// Writes the grayscale screen (210 × 160 bytes) into `buffer`, whatever the observation type.
    func writeGrayscaleScreen(into buffer: UnsafeMutablePointer<UInt8>) { emulator.screenGrayscale(into: buffer) }

    /// Writes the RGB screen (210 × 160 × 3 bytes) into `buffer`, whatever the observation type.
    func writeRGBScreen(into buffer: UnsafeMutablePointer<UInt8>) { emulator.screenRGB(into: buffer) }

    /// Writes the current RGB screen to a PNG file (whatever the observation type); throws
    /// `AtariError.emulator` if the file cannot be written.
    public func saveScreenPNG(to path: String) throws { try emulator.saveScreenPNG(path) }

    // MARK: - Float observations (the `Environment` contract)

    public func reset(seed: UInt64?) throws -> [Float] {
        try ByteStepResult.floats(of: resetBytes(seed: seed))
    }

    public func step(_ action: Action) throws -> StepResult {
        try stepBytes(action).floatResult
    }
}
#endif
