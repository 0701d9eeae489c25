#if ALE
import Environments

// MARK: - Snapshot: the environment's, then both pooling screens, the lives and was_real_done

extension AtariWrapper {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = environment.snapshot()
        snapshot.integers += ByteWords.pack(olderScreen) + ByteWords.pack(newerScreen)
        snapshot.integers.append(UInt64(bitPattern: Int64(episodeLives)))
        snapshot.integers.append(wasRealDone ? 1 : 0)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let screenWords = ByteWords.wordCount(olderScreen.count)
        let own = 2 * screenWords + 2
        guard snapshot.integers.count > own, let done = snapshot.integers.last, done <= 1 else {
            throw AtariError.invalidSnapshot("missing AtariWrapper's screens")
        }
        var inner = snapshot
        inner.integers.removeLast(own)
        try environment.restore(inner)
        let words = snapshot.integers.suffix(own)
        olderScreen = ByteWords.unpack(words.prefix(screenWords), count: olderScreen.count)
        newerScreen = ByteWords.unpack(words.dropFirst(screenWords).prefix(screenWords), count: newerScreen.count)
        episodeLives = Int(Int64(bitPattern: words[words.endIndex - 2]))
        wasRealDone = done == 1
    }
}
#endif
