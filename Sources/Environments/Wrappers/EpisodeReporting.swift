/// An environment that keeps its own episode statistics, as SB3's `Monitor` does from below the
/// wrappers that change what the learner sees (its `info["episode"]`).
///
/// Atari's stack is the example: `EpisodicLifeEnv` ends the learner's episode at each lost life and
/// `ClipRewardEnv` clips its rewards, but the score of a game is the unclipped sum of rewards from
/// one real reset to game over. A vector environment whose copy reports its own episodes records
/// those (`EpisodeAccounting`) instead of summing the learner's rewards between its episode ends,
/// so `rollout/ep_rew_mean` is the game score and no trainer code knows why.
public protocol EpisodeReporting: AnyObject {
    /// Returns and clears the episodes that ended since the last call, oldest first (their `copy`
    /// is left 0: the vector environment sets it).
    func takeReportedEpisodes() -> [CompletedEpisode]
}

extension Environment {
    /// The outermost environment of this stack (itself or one under its `EnvironmentWrapper`s) that
    /// reports its own episodes; nil when none does, and the learner's episodes are the episodes.
    public var episodeReporter: (any EpisodeReporting)? {
        var environment: any Environment = self
        while true {
            if let reporter = environment as? any EpisodeReporting { return reporter }
            guard let wrapper = environment as? any EnvironmentWrapper else { return nil }
            environment = wrapper.wrapped
        }
    }
}
