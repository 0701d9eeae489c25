import Environments
import Testing

/// A game of `lives` lives, one step each: each step ends the learner's episode (a lost life) with
/// reward 1; the game, reported by the environment itself, ends when the lives are gone, its
/// score the sum of 10 per step (the "unclipped" rewards).
final class LivesGame: Environment, EpisodeReporting {
    let observationSpace = Space.box(low: [0], high: [10])
    let actionSpace = Space.discrete(count: 2)
    let lives: Int
    var livesLeft: Int
    var gameScore = 0.0
    var gameSteps = 0
    var reported: [CompletedEpisode] = []

    init(lives: Int) {
        self.lives = lives
        livesLeft = lives
    }

    func reset(seed: UInt64?) throws -> [Float] { [Float(livesLeft)] }

    func step(_ action: Action) throws -> StepResult {
        gameScore += action == .discrete(1) ? 20 : 10
        gameSteps += 1
        livesLeft -= 1
        if livesLeft == 0 {
            reported.append(CompletedEpisode(episodeReturn: gameScore, length: gameSteps))
            (livesLeft, gameScore, gameSteps) = (lives, 0, 0)
        }
        return StepResult(observation: [Float(livesLeft)], reward: 1, terminated: true, truncated: false)
    }

    func takeReportedEpisodes() -> [CompletedEpisode] {
        defer { reported.removeAll() }
        return reported
    }

    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot() }
    func restore(_ snapshot: EnvironmentSnapshot) throws {}
}

/// A vector environment records the episodes its copies report themselves, found through wrappers.
@Suite struct EpisodeReportingTests {
    @Test func vectorRecordsReportedGamesInsteadOfLearnerEpisodes() throws {
        // Copy 0 has 2 lives, copy 1 has 3, each behind a time limit (a wrapper above the reporter).
        var made = 0
        let vector = try VectorEnvironment(count: 2) {
            made += 1
            return try TimeLimit(LivesGame(lives: made + 1), maxEpisodeSteps: 100)
        }
        _ = try vector.reset(seed: 0)
        var episodes: [CompletedEpisode] = []
        for step in 0..<6 {
            let result = try vector.step([.discrete(step % 2), .discrete(1)])
            #expect(result.rewards == [1, 1] && result.terminated == [true, true])
            episodes += vector.takeCompletedEpisodes()
        }
        // Copy 0's games: steps (0, 1), (2, 3), (4, 5) score 10 + 20 each; copy 1's: 3 × 20 twice.
        // In completion order, copy index breaking ties within a step.
        let expected = [
            CompletedEpisode(episodeReturn: 30, length: 2, copy: 0),
            CompletedEpisode(episodeReturn: 60, length: 3, copy: 1),
            CompletedEpisode(episodeReturn: 30, length: 2, copy: 0),
            CompletedEpisode(episodeReturn: 30, length: 2, copy: 0),
            CompletedEpisode(episodeReturn: 60, length: 3, copy: 1),
        ]
        #expect(episodes == expected)
        // The running sums still follow the learner's episodes, which end at every step.
        #expect(vector.runningLengths == [0, 0])
    }

    @Test func environmentsWithoutAReporterKeepTheLearnersEpisodes() throws {
        let limited = try TimeLimit(ExplodingEnvironment(nanAtStep: 1000), maxEpisodeSteps: 3)
        #expect(limited.episodeReporter == nil)
        #expect(try TimeLimit(LivesGame(lives: 1), maxEpisodeSteps: 3).episodeReporter is LivesGame)
        let vector = try VectorEnvironment(count: 1) { try TimeLimit(ExplodingEnvironment(nanAtStep: 1000), maxEpisodeSteps: 3) }
        _ = try vector.reset(seed: 0)
        for _ in 0..<3 { _ = try vector.step([.discrete(0)]) }
        #expect(vector.takeCompletedEpisodes() == [CompletedEpisode(episodeReturn: 0, length: 3, copy: 0)])
    }
}
