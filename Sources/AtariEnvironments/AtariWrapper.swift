#if ALE
import Environments

/// SB3's `AtariWrapper` (`stable_baselines3/common/atari_wrappers.py`, 2.9.2) over an
/// `AtariEnvironment` of one frame per step (a `<Game>NoFrameskip-v4` id), as the RL Zoo trains
/// on Atari. Its wrappers, innermost first, each kept to SB3's order of calls:
///
/// - `NoopResetEnv`: reset, then 1…`noopMax` NOOPs drawn with the environment's NumPy generator
///   (`unwrapped.np_random.integers(1, noop_max + 1)`), resetting (with the same seed) if one ends
///   the game;
/// - `MaxAndSkipEnv`: the action repeated `frameSkip` times, rewards summed; the RGB screens of the
///   last two frames, captured before the end-of-episode check, max-pooled (its two buffers live
///   across steps and resets, so an early end pools stale screens as there);
/// - `EpisodicLifeEnv` (`terminalOnLifeLoss`): a lost life (lives still > 0) terminates the step; a
///   reset after such an end is one NOOP step instead of a new game;
/// - `FireResetEnv` when the action set has FIRE: actions 1 then 2 after each reset;
/// - `WarpFrame`: OpenCV's RGB→gray (`OpenCVGrayscale`), then INTER_AREA to `screenSize`²;
/// - `ClipRewardEnv` (`clipReward`): the reward's sign.
///
/// SB3's `Monitor` sits under all of them (`GameMonitor`): the episodes this environment reports
/// (`EpisodeReporting`) are whole games with unclipped rewards, their length in frames.
///
/// Sticky actions, if wanted, are the environment's own (ALE's `repeat_action_probability`).
public final class AtariWrapper: ByteObservationEnvironment, EnvironmentWrapper, LivesReporting, EpisodeReporting {
    /// The wrapped environment (frameskip 1, RGB observations).
    public let environment: AtariEnvironment
    public let noopMax: Int
    public let frameSkip: Int
    public let terminalOnLifeLoss: Bool
    public let clipReward: Bool
    /// Whether `FireResetEnv` is part of the stack ("FIRE" is among the action meanings).
    public let firesOnReset: Bool
    public let observationLayout: ObservationLayout
    public let observationSpace: Space
    public var actionSpace: Space { environment.actionSpace }
    public var wrapped: any Environment { environment }
    public var lives: Int { environment.lives }

    private let resize: AreaResize
    /// `MaxAndSkipEnv._obs_buffer[0]` and `[1]`: RGB screens.
    var olderScreen: [UInt8]
    var newerScreen: [UInt8]
    /// `EpisodicLifeEnv.lives` and `.was_real_done`.
    var episodeLives = 0
    var wasRealDone = true
    /// SB3's `Monitor` on the wrapped environment.
    var monitor = GameMonitor()
    private var grayFrame: [UInt8]
    private var resizeScratch: [Float]

    /// ALE's action codes of NOOP and FIRE.
    static let noopCode: Int32 = 0, fireCode: Int32 = 1

    /// SB3's defaults: 30 no-ops, 4 frames per step, 84 × 84, terminal on life loss, clipped rewards.
    /// `grayscaleNewAxis` (SB3's shape, `(84, 84, 1)`) only changes the listed shape.
    public init(
        _ environment: AtariEnvironment, noopMax: Int = 30, frameSkip: Int = 4, screenSize: Int = 84,
        terminalOnLifeLoss: Bool = true, clipReward: Bool = true, grayscaleNewAxis: Bool = true
    ) throws {
        let configuration = environment.configuration
        guard configuration.frameskip == 1, configuration.observationType == .rgb else {
            throw AtariError.invalidConfiguration(
                "SB3's AtariWrapper needs RGB screens one frame per step (a NoFrameskip-v4 id)")
        }
        guard frameSkip > 0, noopMax >= 0, (1...160).contains(screenSize) else {
            throw AtariError.invalidConfiguration(
                "frame_skip \(frameSkip), noop_max \(noopMax) and screen_size \(screenSize) must be positive")
        }
        let codes = environment.actionCodes
        // SB3 asserts that action 0 is NOOP and, when FIRE exists, that it is action 1 of at least 3.
        guard noopMax == 0 || codes.first == Self.noopCode else {
            throw AtariError.invalidConfiguration("\(configuration.game): action 0 is not NOOP")
        }
        firesOnReset = codes.contains(Self.fireCode)
        guard !firesOnReset || (codes.count >= 3 && codes[1] == Self.fireCode) else {
            throw AtariError.invalidConfiguration("\(configuration.game): FIRE is not action 1 of at least three")
        }
        self.environment = environment
        self.noopMax = noopMax
        self.frameSkip = frameSkip
        self.terminalOnLifeLoss = terminalOnLifeLoss
        self.clipReward = clipReward
        resize = AreaResize(sourceHeight: 210, sourceWidth: 160, height: screenSize, width: screenSize, channels: 1)
        observationLayout = ObservationLayout(
            shape: grayscaleNewAxis ? [screenSize, screenSize, 1] : [screenSize, screenSize], elementType: .uint8)
        observationSpace = observationLayout.box(low: 0, high: 255)
        olderScreen = [UInt8](repeating: 0, count: 210 * 160 * 3)
        newerScreen = olderScreen
        grayFrame = [UInt8](repeating: 0, count: 210 * 160)
        resizeScratch = [Float](repeating: 0, count: resize.scratchCount)
    }

    public func resetBytes(seed: UInt64?) throws -> [UInt8] {
        warp(firesOnReset ? try fireReset(seed: seed) : try lifeReset(seed: seed))
    }

    public func stepBytes(_ action: Action) throws -> ByteStepResult {
        let (screen, reward, terminated, truncated) = try lifeStep(action)
        return ByteStepResult(
            observation: warp(screen), reward: clipReward ? ClipReward.sign(reward) : reward, terminated: terminated,
            truncated: truncated)
    }

    public func takeReportedEpisodes() -> [CompletedEpisode] { monitor.takeFinished() }

    public func reset(seed: UInt64?) throws -> [Float] { try ByteStepResult.floats(of: resetBytes(seed: seed)) }
    public func step(_ action: Action) throws -> StepResult { try stepBytes(action).floatResult }

    // MARK: - The wrappers, innermost first

    typealias Outcome = (screen: [UInt8], reward: Double, terminated: Bool, truncated: Bool)

    /// The environment's RGB screen.
    private func screen() -> [UInt8] {
        var screen = [UInt8](repeating: 0, count: 210 * 160 * 3)
        screen.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { environment.writeRGBScreen(into: base) } }
        return screen
    }

    /// One frame of the wrapped environment, seen by the monitor.
    private func advanceFrame(_ action: Action) throws -> (reward: Double, terminated: Bool, truncated: Bool) {
        let outcome = try environment.advance(action, frames: 1)
        monitor.record(reward: outcome.reward, ended: outcome.terminated || outcome.truncated)
        return outcome
    }

    /// The wrapped environment's reset, seen by the monitor.
    private func resetGame(seed: UInt64?) throws {
        try environment.resetEmulator(seed: seed)
        monitor.startGame()
    }

    /// One environment step of one frame.
    private func environmentStep(_ action: Action) throws -> Outcome {
        let (reward, terminated, truncated) = try advanceFrame(action)
        return (screen(), reward, terminated, truncated)
    }

    /// `NoopResetEnv.reset` (or the environment's reset when `noopMax` is 0).
    private func noopReset(seed: UInt64?) throws -> [UInt8] {
        try resetGame(seed: seed)
        guard noopMax > 0 else { return screen() }
        let noops = environment.numPyStream.integer(low: 1, high: noopMax + 1)
        var observation: [UInt8] = []
        for _ in 0..<noops {
            let outcome = try environmentStep(.discrete(0))
            observation = outcome.screen
            if outcome.terminated || outcome.truncated {
                try resetGame(seed: seed)
                observation = screen()
            }
        }
        return observation
    }

    /// `MaxAndSkipEnv.step` (or one frame when `frameSkip` is 1).
    private func skipStep(_ action: Action) throws -> Outcome {
        guard frameSkip > 1 else { return try environmentStep(action) }
        var total = 0.0
        var terminated = false, truncated = false
        for frame in 0..<frameSkip {
            let outcome = try advanceFrame(action)
            (terminated, truncated) = (outcome.terminated, outcome.truncated)
            if frame == frameSkip - 2 { capture(into: &olderScreen) }
            if frame == frameSkip - 1 { capture(into: &newerScreen) }
            total += outcome.reward
            if terminated || truncated { break }
        }
        var pooled = newerScreen
        pooled.withUnsafeMutableBufferPointer { pooled in
            olderScreen.withUnsafeBufferPointer { older in
                for index in pooled.indices { pooled[index] = Swift.max(pooled[index], older[index]) }
            }
        }
        return (pooled, total, terminated, truncated)
    }

    private func capture(into buffer: inout [UInt8]) {
        buffer.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { environment.writeRGBScreen(into: base) } }
    }

    /// `EpisodicLifeEnv.step` (or `skipStep` without `terminalOnLifeLoss`).
    private func lifeStep(_ action: Action) throws -> Outcome {
        var outcome = try skipStep(action)
        guard terminalOnLifeLoss else { return outcome }
        wasRealDone = outcome.terminated || outcome.truncated
        let lives = environment.lives
        // Q*bert stays at 0 lives for a few frames: only a loss down to a positive count ends the step.
        if lives > 0 && lives < episodeLives { outcome.terminated = true }
        episodeLives = lives
        return outcome
    }

    /// `EpisodicLifeEnv.reset`: a new game only after a real end, else a NOOP step.
    private func lifeReset(seed: UInt64?) throws -> [UInt8] {
        guard terminalOnLifeLoss else { return try noopReset(seed: seed) }
        var observation: [UInt8]
        if wasRealDone {
            observation = try noopReset(seed: seed)
        } else {
            let outcome = try skipStep(.discrete(0))
            observation = outcome.screen
            if outcome.terminated || outcome.truncated { observation = try noopReset(seed: seed) }
        }
        episodeLives = environment.lives
        return observation
    }

    /// `FireResetEnv.reset`: the observation of action 2, even when a reset follows it.
    private func fireReset(seed: UInt64?) throws -> [UInt8] {
        _ = try lifeReset(seed: seed)
        var outcome = try lifeStep(.discrete(1))
        if outcome.terminated || outcome.truncated { _ = try lifeReset(seed: seed) }
        outcome = try lifeStep(.discrete(2))
        if outcome.terminated || outcome.truncated { _ = try lifeReset(seed: seed) }
        return outcome.screen
    }

    /// `WarpFrame.observation`: gray, then resized.
    private func warp(_ rgb: [UInt8]) -> [UInt8] {
        rgb.withUnsafeBufferPointer { source in grayFrame.withUnsafeMutableBufferPointer { OpenCVGrayscale.convert(source, into: $0) } }
        var output = [UInt8](repeating: 0, count: resize.height * resize.width)
        resize.apply(grayFrame, into: &output, scratch: &resizeScratch)
        return output
    }
}
#endif
