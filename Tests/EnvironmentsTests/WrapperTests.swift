import DenseLinearAlgebra
import Environments
import Testing

@Suite("Wrappers: TimeLimit, ClipAction, RecordEpisodeStatistics")
struct WrapperTests {
    @Test func timeLimitTruncatesAtTheLimitAndResets() throws {
        let environment = try TimeLimit(Pendulum(), maxEpisodeSteps: 3)
        _ = try environment.reset(seed: 0)
        let flags = try (0..<3).map { _ in try environment.step(.continuous([0])).truncated }
        #expect(flags == [false, false, true])
        _ = try environment.reset(seed: nil)
        #expect(environment.elapsedSteps == 0)
        #expect(throws: EnvironmentError.self) { try TimeLimit(Pendulum(), maxEpisodeSteps: 0) }
    }

    @Test func clipActionClipsToTheBoxAndWidensTheSpace() throws {
        let clipped = try ClipAction(makeEnvironment(Pendulum.id))
        #expect(clipped.actionSpace == .box(low: [-.infinity], high: [.infinity]))
        #expect(clipped.clipped(.continuous([7])) == .continuous([2]))
        #expect(clipped.clipped(.continuous([-0.5])) == .continuous([-0.5]))
        // Stepping with 7 through the wrapper equals stepping with 2 directly.
        let direct = try makeEnvironment(Pendulum.id)
        _ = try clipped.reset(seed: 9)
        _ = try direct.reset(seed: 9)
        #expect(try clipped.step(.continuous([7])) == direct.step(.continuous([2])))
        let error = #expect(throws: EnvironmentError.self) { try clipped.step(.continuous([.nan])) }
        #expect(error?.description == "action [nan] has a NaN or infinite coordinate")
        #expect(throws: EnvironmentError.self) { try ClipAction(CartPole()) }
    }

    @Test func recordEpisodeStatisticsSumsRewardsPerEpisode() throws {
        let recorder = RecordEpisodeStatistics(try makeEnvironment(MountainCar.id))
        _ = try recorder.reset(seed: 1)
        for _ in 0..<450 {
            let result = try recorder.step(.discrete(1))
            if result.terminated || result.truncated { _ = try recorder.reset(seed: nil) }
        }
        // Doing nothing never reaches the goal: two full 200-step episodes of reward −1.
        #expect(
            recorder.takeCompletedEpisodes() == [
                CompletedEpisode(episodeReturn: -200, length: 200), CompletedEpisode(episodeReturn: -200, length: 200),
            ])
        #expect(recorder.runningLength == 50)
        let snapshot = recorder.snapshot()
        _ = try recorder.step(.discrete(1))
        try recorder.restore(snapshot)
        #expect(recorder.runningLength == 50 && recorder.runningReturn == -50)
    }
}
