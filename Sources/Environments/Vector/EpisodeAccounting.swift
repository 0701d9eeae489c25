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
    ///
    /// A copy that reports its own episodes (`reported` not nil) has those recorded instead of the
    /// learner's episode; its running sums still follow the learner's episodes (they are what a
    /// snapshot holds and what errors count steps by).
    public mutating func record(copy: Int, reward: Double, ended: Bool, reported: [CompletedEpisode]? = nil) {
        runningReturns[copy] += reward
        runningLengths[copy] += 1
        if let reported {
            for var episode in reported {
                episode.copy = copy
                completed.append(episode)
            }
        } else if ended {
            completed.append(CompletedEpisode(episodeReturn: runningReturns[copy], length: runningLengths[copy], copy: copy))
        }
        if ended {
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
