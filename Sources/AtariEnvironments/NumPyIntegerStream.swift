import Environments

/// NumPy's `Generator.integers(low, high)` for small ranges, over the PCG64 generator that
/// ale-py's `AtariEnv` keeps as `np_random` (AtariPreprocessing draws its no-op count from it).
///
/// NumPy draws a range below 2³² with Lemire's method on 32-bit words, and PCG64 hands out a
/// 64-bit output as two 32-bit words, low half first, keeping the high half for the next call
/// (`pcg64_next32`'s `has_uint32`/`uinteger`). Both are reproduced so the draws match NumPy's.
struct NumPyIntegerStream: Sendable, Hashable {
    var generator: NumPyRandomGenerator
    /// The high half of the last 64-bit output, when not yet handed out.
    var bufferedWord: UInt32?

    /// The stream of `np.random.default_rng(seed)` (Gymnasium's `seeding.np_random(seed)`).
    init(seed: UInt64) {
        generator = NumPyRandomGenerator(seed: seed)
        bufferedWord = nil
    }

    /// NumPy's `next_uint32` for PCG64.
    mutating func nextUInt32() -> UInt32 {
        if let word = bufferedWord {
            bufferedWord = nil
            return word
        }
        let output = generator.nextUInt64()
        bufferedWord = UInt32(truncatingIfNeeded: output >> 32)
        return UInt32(truncatingIfNeeded: output)
    }

    /// `integers(low, high)`: uniform on `low..<high` (`high - low` at most 2³²), NumPy's
    /// `buffered_bounded_lemire_uint32` with the range `high - low - 1`.
    mutating func integer(low: Int, high: Int) -> Int {
        let range = UInt32(truncatingIfNeeded: high - low - 1)
        if range == 0 { return low }
        let exclusive = UInt64(range) + 1
        var product = UInt64(nextUInt32()) * exclusive
        var leftover = UInt32(truncatingIfNeeded: product)
        if leftover < UInt32(truncatingIfNeeded: exclusive) {
            let threshold = UInt32((UInt64(UInt32.max) - UInt64(range)) % exclusive)
            while leftover < threshold {
                product = UInt64(nextUInt32()) * exclusive
                leftover = UInt32(truncatingIfNeeded: product)
            }
        }
        return low + Int(product >> 32)
    }

    /// Snapshot words: the generator's four state words, then a flag and the buffered word.
    var snapshotWords: [UInt64] {
        generator.stateWords + [bufferedWord == nil ? 0 : 1, UInt64(bufferedWord ?? 0)]
    }

    static let snapshotWordCount = 6

    /// Restores from `snapshotWords`; nil if the words do not describe a generator.
    init?(snapshotWords words: ArraySlice<UInt64>) {
        guard words.count == NumPyIntegerStream.snapshotWordCount,
            let generator = NumPyRandomGenerator(stateWords: Array(words.prefix(4)))
        else { return nil }
        self.generator = generator
        let flag = words[words.startIndex + 4]
        bufferedWord = flag == 0 ? nil : UInt32(truncatingIfNeeded: words[words.startIndex + 5])
    }
}
