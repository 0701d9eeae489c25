import Environments
import MuJoCoEnvironments
import Testing

/// `MuJoCoEnvironments.registerAll(in:)`: the MuJoCo ids in an `EnvironmentRegistry`, with
/// Gymnasium's spaces, time limits and reward thresholds; nothing at all without the trait.
struct RegistryTests {
    @Test("unwrapped reaches the environment under every wrapper, as Gymnasium's env.unwrapped")
    func unwrappedReachesTheInnermostEnvironment() throws {
        let pendulum = Pendulum()
        let stack = try ClipAction(RecordEpisodeStatistics(TimeLimit(pendulum, maxEpisodeSteps: 5)))
        #expect(stack.unwrapped === pendulum)
        #expect(pendulum.unwrapped === pendulum)
        #expect(try makeEnvironment("CartPole-v1").unwrapped is CartPole)
    }

    #if MuJoCo
    /// Gymnasium's `register` arguments and the spaces' widths (observation, action, |bound|).
    static let expected: [String: (steps: Int, threshold: Double?, observation: Int, action: Int, bound: Float)] = [
        "Reacher-v4": (50, -3.75, 11, 2, 1), "InvertedPendulum-v4": (1000, 950, 4, 1, 3),
        "InvertedDoublePendulum-v4": (1000, 9100, 11, 1, 1), "HalfCheetah-v4": (1000, 4800, 17, 6, 1),
        "Hopper-v4": (1000, 3800, 11, 3, 1), "Swimmer-v4": (1000, 360, 8, 2, 1),
        "Walker2d-v4": (1000, nil, 17, 6, 1), "Ant-v4": (1000, 6000, 27, 8, 1),
        "Reacher-v5": (50, -3.75, 10, 2, 1), "InvertedPendulum-v5": (1000, 950, 4, 1, 3),
        "InvertedDoublePendulum-v5": (1000, 9100, 9, 1, 1), "HalfCheetah-v5": (1000, 4800, 17, 6, 1),
        "Hopper-v5": (1000, 3800, 11, 3, 1), "Swimmer-v5": (1000, 360, 8, 2, 1),
        "Walker2d-v5": (1000, nil, 17, 6, 1), "Ant-v5": (1000, 6000, 105, 8, 1),
        "Pusher-v5": (100, 0, 23, 7, 2), "Humanoid-v4": (1000, nil, 376, 17, 0.4), "Humanoid-v5": (1000, nil, 348, 17, 0.4),
        "HumanoidStandup-v4": (1000, nil, 376, 17, 0.4), "HumanoidStandup-v5": (1000, nil, 348, 17, 0.4),
    ]

    @Test("registerAll adds every v4 and v5 id after the classic ones, with Gymnasium's entries")
    func registersEveryEnvironment() throws {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        let classic = registry.ids
        let added = try MuJoCoEnvironments.registerAll(in: registry)
        #expect(added == MuJoCoEnvironments.ids)
        #expect(Set(added) == Set(Self.expected.keys))
        #expect(registry.ids == classic + added)
        for (id, entry) in Self.expected {
            let specification = try #require(registry.specification(for: id))
            #expect(specification.maxEpisodeSteps == entry.steps, "\(id)")
            #expect(specification.rewardThreshold == entry.threshold, "\(id)")
            #expect(specification.observationSpace.dimension == entry.observation, "\(id)")
            let bounds = [Float](repeating: entry.bound, count: entry.action)
            #expect(specification.actionSpace == .box(low: bounds.map { -$0 }, high: bounds), "\(id)")
            let environment = try registry.make(id)
            #expect(environment.observationSpace == specification.observationSpace, "\(id)")
            #expect((environment as? TimeLimit)?.maxEpisodeSteps == entry.steps, "\(id)")
            #expect(environment.unwrapped is any PhysicsEnvironment, "\(id)")
        }
        // A second call changes nothing.
        #expect(try MuJoCoEnvironments.registerAll(in: registry) == [])
        #expect(registry.ids == classic + added)
    }

    @Test("Made through the registry, an episode that never terminates is truncated at step 1000")
    func timeLimitTruncatesAtOneThousandSteps() throws {
        let registry = EnvironmentRegistry()
        try MuJoCoEnvironments.registerAll(in: registry)
        // HalfCheetah-v4 has no termination, so only the TimeLimit can end the episode.
        let cheetah = try registry.make("HalfCheetah-v4")
        _ = try cheetah.reset(seed: 7)
        let still = Action.continuous([Float](repeating: 0, count: 6))
        for step in 1..<1000 {
            let result = try cheetah.step(still)
            guard !result.truncated, !result.terminated else {
                Issue.record("episode ended early, at step \(step)")
                return
            }
        }
        let last = try cheetah.step(still)
        #expect(last.truncated && !last.terminated)
    }

    @Test("The registry's copies step through a vector environment like the bare environment")
    func vectorEnvironmentByIdentifier() throws {
        let registry = EnvironmentRegistry()
        try MuJoCoEnvironments.registerAll(in: registry)
        let copies = try VectorEnvironment(id: "Hopper-v4", count: 2, registry: registry)
        let observations = try copies.reset(seed: 3)
        let bare = try MuJoCoEnvironments.make("Hopper-v4")
        // Copy 1 is seeded with 3 + 1, Gymnasium's vector seeding; exact equality (tolerance 0).
        #expect(Array(observations[11..<22]) == (try bare.reset(seed: 4)))
        let action = Action.continuous([0.5, -0.25, 1])
        let stepped = try copies.step([action, action])
        #expect(Array(stepped.observations[11..<22]) == (try bare.step(action)).observation)
    }
    #else
    @Test("Without the trait registerAll adds nothing and the MuJoCo ids stay unknown")
    func nothingWithoutTheEngine() throws {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        let before = registry.ids
        #expect(try MuJoCoEnvironments.registerAll(in: registry) == [])
        #expect(registry.ids == before)
        #expect(throws: EnvironmentError.self) { try registry.make("Hopper-v4") }
    }
    #endif
}
