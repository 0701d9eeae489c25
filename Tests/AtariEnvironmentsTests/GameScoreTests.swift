#if ALE
import Environments
import Testing

@testable import AtariEnvironments

/// The trainer's Atari stack (`AtariTraining.stack`) reports SB3 `Monitor`'s episodes: whole games
/// with unclipped rewards, while the learner sees clipped rewards and life-loss ends.
@Suite struct GameScoreTests {
    /// Actions of a fixed LCG, one per copy per step.
    struct Actions {
        var state: UInt64
        mutating func next(count: Int) -> Action {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return .discrete(Int(state >> 33) % count)
        }
    }

    /// Two copies of Breakout (5 lives) in random play until each has finished a game (at most 600
    /// steps, about 200 in practice), against a reference of the same games: the same
    /// `AtariWrapper` with unclipped rewards, whose rewards are summed from one real game over to
    /// the next (its `wasRealDone`), the length ALE's episode frame number.
    @Test func vectorEpisodesAreWholeGamesWithUnclippedScores() throws {
        let roms = try AtariEnvironments.installedROMs()
        let copies = 2, steps = 600, seed: UInt64 = 11
        let vector = try VectorEnvironment(count: copies, name: "BreakoutNoFrameskip-v4") {
            try AtariTraining.stack(id: "BreakoutNoFrameskip-v4", frameStack: 4, roms: roms)
        }
        let references = try (0..<copies).map { _ in
            try AtariWrapper(
                AtariEnvironment(.noFrameskipV4(game: "breakout"), roms: roms), clipReward: false, grayscaleNewAxis: false)
        }
        _ = try vector.reset(seed: seed)
        for (index, reference) in references.enumerated() { _ = try reference.resetBytes(seed: seed + UInt64(index)) }
        var actions = Actions(state: 5)
        var gameSums = [Double](repeating: 0, count: copies)
        var expected: [CompletedEpisode] = [], reported: [CompletedEpisode] = []
        var learnerEnds = 0
        for _ in 0..<steps {
            let stepActions = (0..<copies).map { _ in actions.next(count: 4) }
            let result = try vector.step(stepActions)
            for (copy, reference) in references.enumerated() {
                let step = try reference.stepBytes(stepActions[copy])
                // The learner's reward is the sign of the game's, its episode ends with the reference's.
                #expect(result.rewards[copy] == ClipReward.sign(step.reward))
                #expect(result.terminated[copy] == step.terminated && result.truncated[copy] == step.truncated)
                gameSums[copy] += step.reward
                guard step.terminated || step.truncated else { continue }
                learnerEnds += 1
                if reference.wasRealDone {
                    let frames = reference.environment.emulator.episodeFrameNumber
                    expected.append(CompletedEpisode(episodeReturn: gameSums[copy], length: frames, copy: copy))
                    gameSums[copy] = 0
                }
                _ = try reference.resetBytes(seed: nil)
            }
            reported += vector.takeCompletedEpisodes()
            if Set(expected.map(\.copy)).count == copies { break }
        }
        #expect(Set(expected.map(\.copy)).count == copies, "random Breakout should end a game in \(steps) steps")
        #expect(learnerEnds >= 5 * expected.count, "each game has 5 lives, each lost one a learner's episode end")
        #expect(reported == expected)
    }

    /// A snapshot taken mid-game carries the game's running score: a copy restored from it
    /// reports the same game as the original (each played until that game ends).
    @Test func snapshotsCarryTheRunningGame() throws {
        let roms = try AtariEnvironments.installedROMs()
        func stack() throws -> any ByteObservationEnvironment {
            try #require(try AtariTraining.stack(id: "BreakoutNoFrameskip-v4", frameStack: 4, roms: roms) as? any ByteObservationEnvironment)
        }
        func play(_ environment: any ByteObservationEnvironment, steps: Int, actions: inout Actions) throws -> [CompletedEpisode] {
            var games: [CompletedEpisode] = []
            for _ in 0..<steps {
                let result = try environment.stepBytes(actions.next(count: 4))
                if result.terminated || result.truncated { _ = try environment.resetBytes(seed: nil) }
                games += environment.episodeReporter?.takeReportedEpisodes() ?? []
                if !games.isEmpty { break }
            }
            return games
        }
        let original = try stack(), restored = try stack()
        _ = try original.resetBytes(seed: 3)
        var actions = Actions(state: 9)
        _ = try play(original, steps: 60, actions: &actions)
        try restored.restore(original.snapshot())
        var replayed = actions
        let games = try play(original, steps: 400, actions: &actions)
        #expect(!games.isEmpty)
        #expect(try play(restored, steps: games.isEmpty ? 0 : 400, actions: &replayed) == games)
    }
}
#endif
