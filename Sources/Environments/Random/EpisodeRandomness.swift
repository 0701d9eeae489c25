/// An environment's `np_random`: created on the first `reset`, re-created by `reset(seed:)`.
///
/// Mirrors `gymnasium.Env.reset(seed=...)`: a seed builds a fresh `NumPyRandomGenerator`; no seed
/// continues the current one, or, before any seed was ever given, starts one from system entropy
/// (as Gymnasium does, so an unseeded first reset is not reproducible).
public struct EpisodeRandomness: Sendable, Hashable {
    /// The current generator (meaningful once `isStarted`).
    public private(set) var generator: NumPyRandomGenerator
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
