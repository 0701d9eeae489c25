#if ALE
import Environments

/// Gymnasium's `AtariPreprocessing` wrapper (`gymnasium/wrappers/atari_preprocessing.py`, Machado
/// et al., 2018) over an `AtariEnvironment` built with `frameskip` 1.
///
/// - Reset: the environment's reset, then a number of NOOP steps drawn uniformly from
///   1...`noopMax` with the environment's NumPy generator (`np_random.integers(1, noop_max + 1)`),
///   resetting again (with the same seed) if an episode ends during them.
/// - Step: the action repeated `frameSkip` frames, rewards summed; the screens of the last two
///   frames are max-pooled (in place, into the newest buffer, as Gymnasium does, so an early
///   episode end pools against stale buffers exactly as there).
/// - Observation: the pooled screen, grayscale by default, resized with `AreaResize` (OpenCV's
///   INTER_AREA) to `width × height`.
/// - With `terminalOnLifeLoss`, losing a life terminates the step.
///
/// Not supported: `scale_obs` (divide the `Float` observations by 255 instead).
public final class AtariPreprocessing: ByteObservationEnvironment, EnvironmentWrapper, LivesReporting {
    /// The wrapped environment (frameskip 1).
    public let environment: AtariEnvironment
    public let noopMax: Int
    public let frameSkip: Int
    public let terminalOnLifeLoss: Bool
    public let grayscale: Bool
    public let observationLayout: ObservationLayout
    public let observationSpace: Space
    public var actionSpace: Space { environment.actionSpace }
    public var wrapped: any Environment { environment }
    public var lives: Int { environment.lives }

    private let resize: AreaResize
    /// Gymnasium's `obs_buffer`: the two most recent screens; index 0 the newest.
    private var newestScreen: [UInt8]
    private var previousScreen: [UInt8]
    /// The resize's scratch floats.
    private var resizeScratch: [Float]
    /// Lives at the last step, for `terminalOnLifeLoss`.
    private var lastLives = 0

    /// Wraps `environment`, whose `frameskip` must be 1 (Gymnasium raises otherwise).
    /// `grayscaleNewAxis` only changes the listed shape to `(height, width, 1)`.
    public init(
        _ environment: AtariEnvironment, noopMax: Int = 30, frameSkip: Int = 4, width: Int = 84, height: Int = 84,
        terminalOnLifeLoss: Bool = false, grayscale: Bool = true, grayscaleNewAxis: Bool = false
    ) throws {
        guard frameSkip > 0 else { throw AtariError.invalidConfiguration("frame_skip must be positive, got \(frameSkip)") }
        guard width > 0, height > 0, width <= 160, height <= 210 else {
            throw AtariError.invalidConfiguration("screen size \(width)×\(height) must shrink the 160×210 screen")
        }
        guard frameSkip == 1 || environment.configuration.frameskip == 1 else {
            throw AtariError.invalidConfiguration(
                "disable frame skipping in the wrapped environment (frameskip 1), or frames are skipped twice")
        }
        guard noopMax >= 0 else { throw AtariError.invalidConfiguration("noop_max must be non-negative, got \(noopMax)") }
        self.environment = environment
        self.noopMax = noopMax
        self.frameSkip = frameSkip
        self.terminalOnLifeLoss = terminalOnLifeLoss
        self.grayscale = grayscale
        let channels = grayscale ? 1 : 3
        resize = AreaResize(sourceHeight: 210, sourceWidth: 160, height: height, width: width, channels: channels)
        let shape = grayscale ? (grayscaleNewAxis ? [height, width, 1] : [height, width]) : [height, width, 3]
        observationLayout = ObservationLayout(shape: shape, elementType: .uint8)
        observationSpace = observationLayout.box(low: 0, high: 255)
        newestScreen = [UInt8](repeating: 0, count: 210 * 160 * channels)
        previousScreen = newestScreen
        resizeScratch = [Float](repeating: 0, count: resize.scratchCount)
    }

    public func resetBytes(seed: UInt64?) throws -> [UInt8] {
        try environment.resetEmulator(seed: seed)
        let noops = noopMax > 0 ? environment.numPyStream.integer(low: 1, high: noopMax + 1) : 0
        for _ in 0..<noops {
            let (_, terminated, truncated) = try environment.advance(.discrete(0), frames: 1)
            if terminated || truncated { try environment.resetEmulator(seed: seed) }
        }
        lastLives = environment.lives
        capture(into: &newestScreen)
        for index in previousScreen.indices { previousScreen[index] = 0 }
        return pooledObservation()
    }

    public func stepBytes(_ action: Action) throws -> ByteStepResult {
        var totalReward = 0.0
        var terminated = false
        var truncated = false
        for frame in 0..<frameSkip {
            let outcome = try environment.advance(action, frames: 1)
            totalReward += outcome.reward
            (terminated, truncated) = (outcome.terminated, outcome.truncated)
            if terminalOnLifeLoss {
                let lives = environment.lives
                terminated = terminated || lives < lastLives
                lastLives = lives
            }
            if terminated || truncated { break }
            if frame == frameSkip - 2 {
                capture(into: &previousScreen)
            } else if frame == frameSkip - 1 {
                capture(into: &newestScreen)
            }
        }
        return ByteStepResult(
            observation: pooledObservation(), reward: totalReward, terminated: terminated, truncated: truncated)
    }

    private func capture(into screen: inout [UInt8]) {
        screen.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if grayscale { environment.writeGrayscaleScreen(into: base) } else { environment.writeRGBScreen(into: base) }
        }
    }

    /// Gymnasium's `_get_obs`: max-pool into the newest buffer (frame skip > 1), then resize.
    private func pooledObservation() -> [UInt8] {
        if frameSkip > 1 {
            newestScreen.withUnsafeMutableBufferPointer { newest in
                previousScreen.withUnsafeBufferPointer { previous in
                    for index in newest.indices { newest[index] = Swift.max(newest[index], previous[index]) }
                }
            }
        }
        var output = [UInt8](repeating: 0, count: resize.height * resize.width * resize.channels)
        resize.apply(newestScreen, into: &output, scratch: &resizeScratch)
        return output
    }

    public func reset(seed: UInt64?) throws -> [Float] { try ByteStepResult.floats(of: resetBytes(seed: seed)) }
    public func step(_ action: Action) throws -> StepResult { try stepBytes(action).floatResult }

    // MARK: - Snapshot: the environment's, then lives and both screen buffers

    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = environment.snapshot()
        snapshot.integers += ByteWords.pack(newestScreen) + ByteWords.pack(previousScreen)
        snapshot.integers.append(UInt64(bitPattern: Int64(lastLives)))
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let screenWords = ByteWords.wordCount(newestScreen.count)
        guard snapshot.integers.count > 2 * screenWords + 1, let lives = snapshot.integers.last else {
            throw AtariError.invalidSnapshot("missing AtariPreprocessing's screens")
        }
        var inner = snapshot
        inner.integers.removeLast(2 * screenWords + 1)
        try environment.restore(inner)
        let words = snapshot.integers.dropLast().suffix(2 * screenWords)
        newestScreen = ByteWords.unpack(words.prefix(screenWords), count: newestScreen.count)
        previousScreen = ByteWords.unpack(words.suffix(screenWords), count: previousScreen.count)
        lastLives = Int(Int64(bitPattern: lives))
    }
}
#endif
