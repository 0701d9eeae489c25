/// NumPy's default generator, `np.random.Generator(PCG64(SeedSequence(seed)))`, for the draws
/// Gymnasium's classic-control environments make (`random()`, `uniform(low, high)`).
///
/// PCG64 is O'Neill's 128-bit linear congruential generator with the XSL-RR output function
/// (`numpy/random/src/pcg64`). Gymnasium's `reset(seed=s)` builds exactly this generator
/// (`gymnasium/utils/seeding.py`), so the same seed gives the same initial states, bit for bit.
public struct NumPyRandomGenerator: Sendable, Hashable {
    // The 128-bit LCG state and increment, as (high, low) 64-bit halves.
    @usableFromInline var stateHigh: UInt64
    @usableFromInline var stateLow: UInt64
    @usableFromInline var incrementHigh: UInt64
    @usableFromInline var incrementLow: UInt64

    // PCG_DEFAULT_MULTIPLIER_128 = 2549297995355413924 · 2⁶⁴ + 4865540595714422341.
    @usableFromInline static let multiplierHigh: UInt64 = 2_549_297_995_355_413_924
    @usableFromInline static let multiplierLow: UInt64 = 4_865_540_595_714_422_341

    /// The generator of `np.random.default_rng(seed)`.
    public init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(seed: seed))
    }

    /// The generator that NumPy's `PCG64(seedSequence)` builds (`pcg64_set_seed`).
    public init(seedSequence: SeedSequence) {
        let words = seedSequence.generateState64(count: 4)
        // pcg_setseq_128_srandom_r: state 0, inc = (initseq << 1) | 1, step, state += initstate, step.
        stateHigh = 0
        stateLow = 0
        incrementHigh = (words[2] << 1) | (words[3] >> 63)
        incrementLow = (words[3] << 1) | 1
        advance()
        let (low, carry) = stateLow.addingReportingOverflow(words[1])
        stateLow = low
        stateHigh = stateHigh &+ words[0] &+ (carry ? 1 : 0)
        advance()
    }

    /// A generator seeded from the system's entropy source (Gymnasium's `reset()` before any seed).
    public static func fromSystemEntropy() -> NumPyRandomGenerator {
        var system = SystemRandomNumberGenerator()
        let entropy = (0..<4).map { _ in UInt32.random(in: .min ... .max, using: &system) }
        return NumPyRandomGenerator(seedSequence: SeedSequence(entropy: entropy))
    }

    /// The generator state as four words `[stateHigh, stateLow, incrementHigh, incrementLow]`.
    public var stateWords: [UInt64] { [stateHigh, stateLow, incrementHigh, incrementLow] }

    /// Restores a generator from `stateWords`; `nil` unless there are four words and the increment is odd.
    public init?(stateWords words: [UInt64]) {
        guard words.count == 4, words[3] & 1 == 1 else { return nil }
        (stateHigh, stateLow, incrementHigh, incrementLow) = (words[0], words[1], words[2], words[3])
    }

    /// state ← state · multiplier + increment (mod 2¹²⁸).
    @inlinable
    mutating func advance() {
        let product = stateLow.multipliedFullWidth(by: NumPyRandomGenerator.multiplierLow)
        let high =
            product.high &+ stateLow &* NumPyRandomGenerator.multiplierHigh
            &+ stateHigh &* NumPyRandomGenerator.multiplierLow
        let (low, carry) = product.low.addingReportingOverflow(incrementLow)
        stateLow = low
        stateHigh = high &+ incrementHigh &+ (carry ? 1 : 0)
    }

    /// The next 64 random bits (`pcg64_next64`: advance, then XSL-RR output of the new state).
    @inlinable
    public mutating func nextUInt64() -> UInt64 {
        advance()
        let rotation = stateHigh >> 58
        let value = stateHigh ^ stateLow
        return (value >> rotation) | (value << ((64 &- rotation) & 63))
    }

    /// A uniform double in [0, 1) (`Generator.random()`: the top 53 bits times 2⁻⁵³).
    @inlinable
    public mutating func random() -> Double {
        Double(nextUInt64() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform double in [low, high) (`Generator.uniform`: `low + (high − low) · random()`).
    @inlinable
    public mutating func uniform(low: Double, high: Double) -> Double {
        low + (high - low) * random()
    }
}

// MARK: - An environment's np_random

/// An environment's `np_random`: created on the first `reset`, re-created by `reset(seed:)`.
///
/// Mirrors `gymnasium.Env.reset(seed=...)`: a seed builds a fresh `NumPyRandomGenerator`; no seed
/// continues the current one, or, before any seed was ever given, starts one from system entropy
/// (as Gymnasium does, so an unseeded first reset is not reproducible).
public struct EpisodeRandomness: Sendable, Hashable {
    /// The current generator (meaningful once `isStarted`).
    public internal(set) var generator: NumPyRandomGenerator
    /// Whether a generator has been created by a reset.
    public private(set) var isStarted: Bool

    /// No generator yet.
    public init() {
        generator = NumPyRandomGenerator(seed: 0)
        isStarted = false
    }

    /// Applies `reset(seed:)`'s seeding rule.
    public mutating func reseed(_ seed: UInt64?) {
        if let seed {
            generator = NumPyRandomGenerator(seed: seed)
        } else if !isStarted {
            generator = NumPyRandomGenerator.fromSystemEntropy()
        }
        isStarted = true
    }

    /// A draw of `np_random.uniform(low, high)`.
    public mutating func uniform(low: Double, high: Double) -> Double {
        generator.uniform(low: low, high: high)
    }

    /// The number of snapshot words: a started flag, then the generator's four state words.
    public static let snapshotWordCount = 5

    /// The snapshot words: a started flag, then the generator's four state words.
    public var snapshotWords: [UInt64] { [isStarted ? 1 : 0] + generator.stateWords }

    /// Restores from the words written by `snapshotWords`; `nil` if they are malformed.
    public init?(snapshotWords words: ArraySlice<UInt64>) {
        guard words.count == EpisodeRandomness.snapshotWordCount, let flag = words.first, flag <= 1,
            let restored = NumPyRandomGenerator(stateWords: Array(words.dropFirst()))
        else { return nil }
        generator = restored
        isStarted = flag == 1
    }
}
