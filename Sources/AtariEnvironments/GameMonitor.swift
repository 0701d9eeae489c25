import Environments

/// SB3's `Monitor` where `make_atari_env` puts it, on the one-frame-per-step environment under
/// every `AtariWrapper` wrapper: an episode is a whole game (from a real reset of the emulator to
/// game over or ALE's truncation), its return the unclipped sum of the game's rewards and its length
/// the game's frames (`Monitor`'s `"r"` and `"l"`), whatever lives end the learner's episodes.
struct GameMonitor: Sendable, Hashable {
    /// The unclipped rewards of the running game so far.
    var runningReturn = 0.0
    /// The frames of the running game so far.
    var runningLength = 0
    /// Games finished since the last `takeFinished()`.
    private(set) var finished: [CompletedEpisode] = []

    /// The emulator was reset: a new game starts (`Monitor.reset`, which records nothing).
    mutating func startGame() {
        runningReturn = 0
        runningLength = 0
    }

    /// One emulator frame with `reward`; a game that `ended` is recorded (`Monitor.step`).
    mutating func record(reward: Double, ended: Bool) {
        runningReturn += reward
        runningLength += 1
        guard ended else { return }
        finished.append(CompletedEpisode(episodeReturn: runningReturn, length: runningLength))
        startGame()
    }

    /// Returns and clears the finished games.
    mutating func takeFinished() -> [CompletedEpisode] {
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    /// Continues a game from saved sums; finished games are not part of a snapshot.
    mutating func restore(runningReturn: Double, runningLength: Int) {
        self.runningReturn = runningReturn
        self.runningLength = runningLength
        finished.removeAll()
    }
}
