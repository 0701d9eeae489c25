import Environments
import Testing

@testable import DistributedTraining

/// A game whose lives each end the learner's episode (reward 1 per step) while the game itself,
/// reported by the environment as Atari's `GameMonitor` does, ends when the lives are gone and
/// scores 10 or 20 per step: what the learner's rewards cannot show.
final class ReportedLivesGame: Environment, EpisodeReporting {
    let observationSpace = Space.box(low: [0], high: [10])
    let actionSpace = Space.discrete(count: 2)
    let lives: Int
    var livesLeft: Int
    var score = 0.0
    var steps = 0
    var reported: [CompletedEpisode] = []

    init(lives: Int) {
        self.lives = lives
        livesLeft = lives
    }

    func reset(seed: UInt64?) throws -> [Float] { [Float(livesLeft)] }

    func step(_ action: Action) throws -> StepResult {
        score += action == .discrete(1) ? 20 : 10
        steps += 1
        livesLeft -= 1
        if livesLeft == 0 {
            reported.append(CompletedEpisode(episodeReturn: score, length: steps))
            (livesLeft, score, steps) = (lives, 0, 0)
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

/// An environment that reports nothing: episodes of 3 steps, reward 2 per step.
final class ThreeStepEpisodes: Environment {
    let observationSpace = Space.box(low: [0], high: [10])
    let actionSpace = Space.discrete(count: 2)
    var steps = 0

    func reset(seed: UInt64?) throws -> [Float] {
        steps = 0
        return [0]
    }

    func step(_ action: Action) throws -> StepResult {
        steps += 1
        return StepResult(observation: [Float(steps)], reward: 2, terminated: steps == 3, truncated: false)
    }

    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot() }
    func restore(_ snapshot: EnvironmentSnapshot) throws {}
}

/// Episodes that copies report themselves reach every participant, as one process records them.
@Suite struct DistributedEpisodeReportingTests {
    static let copies = 5

    /// Copy i has i + 2 lives; copy 3 reports nothing, so its learner episodes are the episodes.
    static func makeCopy(_ index: Int) -> any Environment {
        index == 3 ? ThreeStepEpisodes() : ReportedLivesGame(lives: index + 2)
    }

    static func episodes(of environment: any VectorEnvironmentProtocol) throws -> [CompletedEpisode] {
        _ = try environment.reset(seed: 0)
        var episodes: [CompletedEpisode] = []
        for step in 0..<12 {
            let actions = (0..<copies).map { Action.discrete(($0 + step) % 2) }
            _ = try environment.step(actions)
            episodes += environment.takeCompletedEpisodes()
        }
        return episodes
    }

    @Test(arguments: [1, 2, 3])
    func everyParticipantRecordsTheReportedGames(size: Int) throws {
        var made = 0
        let alone = try Self.episodes(of: try VectorEnvironment(count: Self.copies) {
            defer { made += 1 }
            return Self.makeCopy(made)
        })
        // Games of 2–6 steps score 10 or 20 per step, so they are not the learner's 1-step episodes.
        #expect(alone.contains { $0.length > 1 && $0.episodeReturn >= 20 })
        #expect(alone.contains { $0.copy == 3 && $0.length == 3 && $0.episodeReturn == 6 })
        let outcomes = try ThreadedWorld(size: size).run { communicator -> [CompletedEpisode] in
            let environment = try DistributedVectorEnvironment(count: Self.copies, communicator: communicator) { count in
                let first = WorkShare.range(of: Self.copies, parts: communicator.size, part: communicator.rank).lowerBound
                var made = 0
                return try VectorEnvironment(count: count) {
                    defer { made += 1 }
                    return Self.makeCopy(first + made)
                }
            }
            return try Self.episodes(of: environment)
        }
        for (rank, episodes) in outcomes.enumerated() {
            #expect(episodes == alone, "rank \(rank) of \(size)")
        }
    }
}
