#if ALE
import Environments

// MARK: - Snapshot and restore (for the vine sampler and replays)

extension AtariEnvironment {
    /// The full state: ALE's `cloneState(include_rng=True)` (console, frame counters, the
    /// sticky-action random stream) and the NumPy generator ale-py keeps beside it.
    ///
    /// Layout of `integers`: the NumPy stream's 6 words, the byte length of ALE's serialized
    /// state, then those bytes packed 8 per word, little-endian.
    public func snapshot() -> EnvironmentSnapshot {
        // cloneState only fails on allocation failure; an empty state then fails loudly on restore.
        let state = (try? emulator.cloneState(includeRandomState: true)) ?? []
        var integers = numPyStream.snapshotWords
        integers.append(UInt64(state.count))
        integers += ByteWords.pack(state)
        return EnvironmentSnapshot(integers: integers)
    }

    /// Puts back a state taken by `snapshot()` of an environment of the same game.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let words = snapshot.integers
        let header = NumPyIntegerStream.snapshotWordCount
        guard words.count > header, let stream = NumPyIntegerStream(snapshotWords: words.prefix(header)) else {
            throw AtariError.invalidSnapshot("missing the random-generator words")
        }
        let length = Int(clamping: words[header])
        let packed = words.dropFirst(header + 1)
        guard length > 0, packed.count == ByteWords.wordCount(length) else {
            throw AtariError.invalidSnapshot("the emulator state has \(packed.count) words for \(length) bytes")
        }
        let state = ByteWords.unpack(packed, count: length)
        try emulator.restoreState(state)
        numPyStream = stream
    }
}
#endif
