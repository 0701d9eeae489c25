import Environments

/// Gymnasium's `FrameStackObservation(env, stack_size, padding_type="reset")` for byte
/// observations: the last `count` observations, oldest first, as one `count × frame` array.
///
/// Each frame is stored once, in a ring of `count` slots with the index of the newest, and the
/// stacked observation is assembled when asked for. On reset every slot holds the reset frame
/// (Gymnasium pads with it), or, with `padding: .zeros`, zeros but the newest (SB3's `VecFrameStack`).
public final class FrameStack: ByteObservationEnvironment, EnvironmentWrapper, LivesReporting {
    /// The environment whose observations are stacked.
    public let inner: any ByteObservationEnvironment
    /// The number of frames in a stacked observation.
    public let count: Int
    public let observationLayout: ObservationLayout
    public let observationSpace: Space
    public var actionSpace: Space { inner.actionSpace }
    public var wrapped: any Environment { inner }
    public var lives: Int { (inner as? any LivesReporting)?.lives ?? 0 }

    /// What fills the older slots on reset.
    public let padding: Padding
    private let frameSize: Int
    /// `count` frames back to back; slot `newest` holds the newest.
    private var ring: [UInt8]
    private var newest = 0

    /// What fills a stack's older slots on reset.
    public enum Padding: Sendable, Hashable {
        /// The reset frame (Gymnasium's `padding_type="reset"`).
        case reset
        /// Zeros (SB3's `VecFrameStack`).
        case zeros
    }

    /// Stacks the last `count` (positive) observations of `environment`.
    public init(_ environment: any ByteObservationEnvironment, count: Int = 4, padding: Padding = .reset) throws {
        guard count > 0 else { throw AtariError.invalidConfiguration("the stack size must be positive, got \(count)") }
        inner = environment
        self.count = count
        self.padding = padding
        frameSize = environment.observationLayout.count
        observationLayout = ObservationLayout(
            shape: [count] + environment.observationLayout.shape, elementType: environment.observationLayout.elementType)
        observationSpace = observationLayout.box(low: 0, high: 255)
        ring = [UInt8](repeating: 0, count: count * frameSize)
    }

    /// The frame `age` steps old (0 the newest, `count - 1` the oldest), without copying the stack.
    public func frame(age: Int) -> ArraySlice<UInt8> {
        let slot = ((newest - age) % count + count) % count
        return ring[(slot * frameSize)..<((slot + 1) * frameSize)]
    }

    /// The stacked observation, oldest frame first.
    public func stackedObservation() -> [UInt8] {
        var stacked = [UInt8]()
        stacked.reserveCapacity(count * frameSize)
        for age in stride(from: count - 1, through: 0, by: -1) { stacked += frame(age: age) }
        return stacked
    }

    private func store(_ observation: [UInt8], inSlot slot: Int) {
        ring.replaceSubrange((slot * frameSize)..<((slot + 1) * frameSize), with: observation)
    }

    public func resetBytes(seed: UInt64?) throws -> [UInt8] {
        let observation = try inner.resetBytes(seed: seed)
        let filler = padding == .reset ? observation : [UInt8](repeating: 0, count: frameSize)
        for slot in 1..<Swift.max(count, 1) { store(filler, inSlot: slot) }
        store(observation, inSlot: 0)
        newest = 0
        return stackedObservation()
    }

    public func stepBytes(_ action: Action) throws -> ByteStepResult {
        var result = try inner.stepBytes(action)
        newest = (newest + 1) % count
        store(result.observation, inSlot: newest)
        result.observation = stackedObservation()
        return result
    }

    public func reset(seed: UInt64?) throws -> [Float] { try ByteStepResult.floats(of: resetBytes(seed: seed)) }
    public func step(_ action: Action) throws -> StepResult { try stepBytes(action).floatResult }

    // MARK: - Snapshot: the inner environment's, then the ring and the newest slot

    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = inner.snapshot()
        snapshot.integers += ByteWords.pack(ring)
        snapshot.integers.append(UInt64(newest))
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let ringWords = ByteWords.wordCount(ring.count)
        guard snapshot.integers.count > ringWords, let slot = snapshot.integers.last, slot < UInt64(count) else {
            throw AtariError.invalidSnapshot("missing FrameStack's frames")
        }
        var innerSnapshot = snapshot
        innerSnapshot.integers.removeLast(ringWords + 1)
        try inner.restore(innerSnapshot)
        ring = ByteWords.unpack(snapshot.integers.dropLast().suffix(ringWords), count: ring.count)
        newest = Int(slot)
    }
}
