/// The snapshot layout shared by the classic-control environments.
///
/// `reals` holds the physical state; `integers` holds the `EpisodeRandomness` words, then the
/// environment's own flags (has it been reset, and any counters).
enum ClassicControlSnapshot {
    /// Packs the state, the random stream and the flags.
    static func make(state: [Double], randomness: EpisodeRandomness, flags: [UInt64]) -> EnvironmentSnapshot {
        EnvironmentSnapshot(reals: state, integers: randomness.snapshotWords + flags)
    }

    /// Unpacks a snapshot, checking that it has exactly this environment's layout.
    static func decode(
        _ snapshot: EnvironmentSnapshot, environment: String, stateCount: Int, flagCount: Int
    ) throws(EnvironmentError) -> (state: [Double], randomness: EpisodeRandomness, flags: [UInt64]) {
        let wordCount = EpisodeRandomness.snapshotWordCount
        guard snapshot.reals.count == stateCount, snapshot.integers.count == wordCount + flagCount else {
            throw .invalidSnapshot(
                environment: environment,
                reason: "expected \(stateCount) reals and \(wordCount + flagCount) integers, "
                    + "got \(snapshot.reals.count) and \(snapshot.integers.count)")
        }
        guard let randomness = EpisodeRandomness(snapshotWords: snapshot.integers.prefix(wordCount)) else {
            throw .invalidSnapshot(environment: environment, reason: "malformed random-generator words")
        }
        return (snapshot.reals, randomness, Array(snapshot.integers.dropFirst(wordCount)))
    }
}
