import DenseLinearAlgebra
import Environments
import Testing
import _TestSupport

@Suite("Vector environment: Gymnasium's SAME_STEP auto-reset, threads")
struct VectorEnvironmentTests {
    /// Observations within 1e-6 (float64 dynamics), rewards within 1e-6, flags and final observations as Gymnasium.
    @Test(arguments: ["vector_CartPole-v1.json", "vector_Pendulum-v1.json"])
    func matchesSyncVectorEnv(fixtureName: String) throws {
        let fixture = try loadFixture(fixtureName, as: VectorFixture.self)
        let vector = try VectorEnvironment(id: fixture.id, count: fixture.copies, threads: 2)
        let reset = try vector.reset(seed: fixture.seed)
        #expect(reset == fixture.resetObservations.flatMap(float32), "reset seeds copy i with seed + i")
        var finals = 0
        for (index, step) in fixture.steps.enumerated() {
            let result = try vector.step(step.actions.map(\.action))
            let expected = step.observations.flatMap(float32)
            #expect(maximumAbsoluteDifference(result.observations, expected) <= 1e-6, "step \(index)")
            #expect(maximumAbsoluteDifference(result.rewards, step.rewards) <= 1e-6, "step \(index)")
            #expect(result.terminated == step.terminated, "step \(index)")
            #expect(result.truncated == step.truncated, "step \(index)")
            for copy in 0..<fixture.copies {
                switch (result.finalObservations[copy], step.finalObservations[copy]) {
                case (nil, nil): break
                case (let mine?, let theirs?):
                    finals += 1
                    #expect(maximumAbsoluteDifference(mine, float32(theirs)) <= 1e-6, "step \(index) copy \(copy)")
                default: Issue.record("step \(index) copy \(copy): final observation presence differs")
                }
            }
        }
        #expect(finals > 0, "the trace must exercise at least one auto-reset")
    }

    private func run(threads: Int, id: String, copies: Int, steps: Int) throws -> (
        [VectorStepResult], [CompletedEpisode]
    ) {
        let vector = try VectorEnvironment(id: id, count: copies, threads: threads)
        // Hand the copies to the threads however cheap they are, so the threaded path is the one compared.
        vector.minimumStepNanosecondsPerThread = 0
        #expect(vector.steppingThreads == threads)
        _ = try vector.reset(seed: 11)
        var stream = RandomStream(seed: 5)
        var results: [VectorStepResult] = []
        for _ in 0..<steps {
            results.append(try vector.step((0..<copies).map { _ in vector.actionSpace.sample(using: &stream) }))
        }
        return (results, vector.takeCompletedEpisodes())
    }

    @Test(arguments: [CartPole.id, Pendulum.id, MountainCar.id])
    func threadedSteppingEqualsSerialBitForBit(id: String) throws {
        let (serial, serialEpisodes) = try run(threads: 1, id: id, copies: 7, steps: 260)
        for threads in [2, 3, 8] {
            let (threaded, threadedEpisodes) = try run(threads: threads, id: id, copies: 7, steps: 260)
            // VectorStepResult is Hashable over its Float/Double arrays; == compares every value.
            #expect(threaded == serial, "\(threads) threads")
            #expect(threadedEpisodes == serialEpisodes, "\(threads) threads")
        }
        #expect(!serialEpisodes.isEmpty)
    }

    /// Classic-control copies (~1 µs a step) are stepped inline, whatever `threads` says, until
    /// enough of them give each thread 20 µs; an environment without a hint counts as 50 µs.
    @Test func cheapCopiesAreSteppedInline() throws {
        let cartPoles = try VectorEnvironment(id: CartPole.id, count: 8, threads: 2)
        #expect(try EnvironmentRegistry.shared.make(CartPole.id).typicalStepNanoseconds == 1_000, "TimeLimit forwards the hint")
        #expect(cartPoles.typicalVectorStepNanoseconds == 8_000)
        #expect(cartPoles.steppingThreads == 1)
        #expect(try VectorEnvironment(id: Acrobot.id, count: 20, threads: 3).steppingThreads == 3)
        #expect(try VectorEnvironment(id: CartPole.id, count: 50, threads: 3).steppingThreads == 2)
        let unknown = try VectorEnvironment(count: 2, threads: 2, name: "Exploding") { ExplodingEnvironment(nanAtStep: 9) }
        #expect(unknown.steppingThreads == 2, "50 µs per copy: one copy is worth a thread")
        cartPoles.threads = 1
        #expect(cartPoles.steppingThreads == 1)
    }

    @Test func episodeStatisticsAreInCompletionOrderWithCopyTieBreak() throws {
        let (results, episodes) = try run(threads: 3, id: CartPole.id, copies: 5, steps: 120)
        // Rebuild the expected list from the flags: by step, then by copy index.
        var expected: [Int] = []
        for result in results {
            for copy in 0..<5 where result.terminated[copy] || result.truncated[copy] { expected.append(copy) }
        }
        #expect(episodes.map(\.copy) == expected)
        // CartPole's reward is 1 per step, so each return equals its length.
        #expect(episodes.allSatisfy { $0.episodeReturn == Double($0.length) })
        #expect(episodes.reduce(0) { $0 + $1.length } <= 5 * 120)
    }

    @Test func pendulumTruncationExposesFinalObservationAndResets() throws {
        let vector = try VectorEnvironment(id: Pendulum.id, count: 2)
        _ = try vector.reset(seed: 3)
        var last: VectorStepResult?
        for _ in 0..<200 { last = try vector.step([.continuous([0.5]), .continuous([-0.5])]) }
        let result = try #require(last)
        #expect(result.truncated == [true, true])
        #expect(result.terminated == [false, false])
        let final = try #require(result.finalObservations[0])
        #expect(final.count == 3)
        #expect(Array(result.observation(0)) != final, "the returned row is the next episode's reset observation")
        let episodes = vector.takeCompletedEpisodes()
        #expect(episodes.map(\.length) == [200, 200])
        #expect(vector.takeCompletedEpisodes().isEmpty, "take clears the list")
    }

    @Test func wrongActionsAreTypedErrors() throws {
        let vector = try VectorEnvironment(id: CartPole.id, count: 2, threads: 2)
        #expect(throws: EnvironmentError.stepBeforeReset(environment: CartPole.id)) {
            try vector.step([.discrete(0), .discrete(1)])
        }
        _ = try vector.reset(seed: 0)
        #expect(throws: EnvironmentError.vectorActionCountMismatch(expected: 2, actual: 1)) {
            try vector.step([.discrete(0)])
        }
        #expect(throws: EnvironmentError.discreteActionOutOfRange(value: 2, count: 2)) {
            try vector.step([.discrete(0), .discrete(2)])
        }
    }

    @Test func nonFiniteObservationFromACopyIsATypedError() throws {
        let vector = try VectorEnvironment(count: 3, threads: 3, name: "Exploding") {
            ExplodingEnvironment(nanAtStep: 2)
        }
        _ = try vector.reset(seed: 0)
        _ = try vector.step([.discrete(0), .discrete(0), .discrete(0)])
        do {
            _ = try vector.step([.discrete(0), .discrete(0), .discrete(0)])
            Issue.record("a NaN observation must throw")
        } catch let error as CopyStepError {
            guard case EnvironmentError.nonFiniteObservation(let name, _)? = error.underlying as? EnvironmentError else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == "Exploding (copy 0)", "the first failing copy by index is reported")
            #expect(error.copy == 0 && error.episodeStep == 2 && error.environment == "Exploding")
            #expect(error.description.contains("Exploding copy 0 failed at step 2 of its episode"))
            #expect(error.description.contains("NaN or infinite"))
        }
    }
}
