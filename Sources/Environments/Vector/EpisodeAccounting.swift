/// The episode statistics of N copies: each copy's running return and length, and the episodes
/// finished so far in order of completion (by copy index within one step). Every vector
/// environment keeps its statistics here, so they are counted one way.
public struct EpisodeAccounting: Sendable, Hashable {
    /// Each copy's running episode return.
    public internal(set) var runningReturns: [Double]
    /// Each copy's running episode length.
    public internal(set) var runningLengths: [Int]
    /// Episodes finished since the last `takeCompleted()`.
    public internal(set) var completed: [CompletedEpisode] = []

    /// Statistics of `copies` copies, every episode just started.
    public init(copies: Int) {
        runningReturns = [Double](repeating: 0, count: copies)
        runningLengths = [Int](repeating: 0, count: copies)
    }

    /// Every copy starts a new episode (a reset).
    public mutating func startEpisodes() {
        for index in runningReturns.indices {
            runningReturns[index] = 0
            runningLengths[index] = 0
        }
    }

    /// Adds one step of copy `copy`; if its episode `ended`, records the episode and starts the next.
    public mutating func record(copy: Int, reward: Double, ended: Bool) {
        runningReturns[copy] += reward
        runningLengths[copy] += 1
        if ended {
            completed.append(CompletedEpisode(episodeReturn: runningReturns[copy], length: runningLengths[copy], copy: copy))
            runningReturns[copy] = 0
            runningLengths[copy] = 0
        }
    }

    /// Returns and clears the finished episodes.
    public mutating func takeCompleted() -> [CompletedEpisode] {
        defer { completed.removeAll(keepingCapacity: true) }
        return completed
    }

    /// Continues from saved running returns and lengths (finished episodes are not part of a snapshot).
    public mutating func restore(runningReturns: [Double], runningLengths: [Int]) {
        self.runningReturns = runningReturns
        self.runningLengths = runningLengths
        completed.removeAll()
    }
}
