#if ALE
import Environments

// MARK: - Snapshot: the environment's, then both pooling screens, the lives, was_real_done and the monitor's game

extension AtariWrapper {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = environment.snapshot()
        snapshot.integers += ByteWords.pack(olderScreen) + ByteWords.pack(newerScreen)
        snapshot.integers.append(UInt64(bitPattern: Int64(episodeLives)))
        snapshot.integers.append(wasRealDone ? 1 : 0)
        snapshot.integers.append(UInt64(monitor.runningLength))
        snapshot.reals.append(monitor.runningReturn)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let screenWords = ByteWords.wordCount(olderScreen.count)
        let own = 2 * screenWords + 3
        guard snapshot.integers.count > own, let gameReturn = snapshot.reals.last,
            let gameLength = snapshot.integers.last, gameLength <= UInt64(Int.max)
        else {
            throw AtariError.invalidSnapshot("missing AtariWrapper's screens")
        }
        let done = snapshot.integers[snapshot.integers.endIndex - 2]
        guard done <= 1 else { throw AtariError.invalidSnapshot("AtariWrapper's was_real_done is \(done)") }
        var inner = snapshot
        inner.integers.removeLast(own)
        inner.reals.removeLast()
        try environment.restore(inner)
        let words = snapshot.integers.suffix(own)
        olderScreen = ByteWords.unpack(words.prefix(screenWords), count: olderScreen.count)
        newerScreen = ByteWords.unpack(words.dropFirst(screenWords).prefix(screenWords), count: newerScreen.count)
        episodeLives = Int(Int64(bitPattern: words[words.endIndex - 3]))
        wasRealDone = done == 1
        monitor.restore(runningReturn: gameReturn, runningLength: Int(gameLength))
    }
}
#endif
