import Dispatch
import Environments
import Testing

@Suite("Registry and makeEnvironment")
struct RegistryTests {
    @Test func classicControlEntriesMatchGymnasium() throws {
        let registry = EnvironmentRegistry.shared
        let expected: [(String, Int, Double?)] = [
            ("CartPole-v1", 500, 475), ("MountainCar-v0", 200, -110), ("MountainCarContinuous-v0", 999, 90),
            ("Pendulum-v1", 200, nil), ("Acrobot-v1", 500, -100),
        ]
        for (id, steps, threshold) in expected {
            let specification = try #require(registry.specification(for: id))
            #expect(specification.maxEpisodeSteps == steps)
            #expect(specification.rewardThreshold == threshold)
            let environment = try makeEnvironment(id)
            #expect((environment as? TimeLimit)?.maxEpisodeSteps == steps, "\(id) is wrapped in its TimeLimit")
            #expect(environment.observationSpace == specification.observationSpace)
            #expect(environment.actionSpace == specification.actionSpace)
        }
        #expect(
            registry.specification(for: "CartPole-v1")?.observationSpace.gymnasiumDescription
                == "Box([-4.8 -inf -0.41887903 -inf], [4.8 inf 0.41887903 inf], (4,), float32)")
        #expect(
            registry.specification(for: "Pendulum-v1")?.actionSpace.gymnasiumDescription
                == "Box(-2.0, 2.0, (1,), float32)")
    }

    @Test func unknownIdListsKnownIds() {
        do {
            _ = try makeEnvironment("CartPole-v0")
            Issue.record("an unknown id must throw")
        } catch {
            let message = "\(error)"
            #expect(message.contains("\"CartPole-v0\""))
            #expect(message.contains("CartPole-v1, MountainCar-v0, MountainCarContinuous-v0, Pendulum-v1, Acrobot-v1"))
        }
    }

    @Test func registersAtRunTimeFromManyThreads() throws {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let specification = EnvironmentSpecification(
                id: "Toy\(index)-v0", observationSpace: .box(low: [-10], high: [10]), actionSpace: .discrete(count: 2),
                maxEpisodeSteps: 10 + index, rewardThreshold: nil
            ) { ExplodingEnvironment(nanAtStep: -1) }
            try? registry.register(specification)
        }
        #expect(registry.ids.count == 5 + 16)
        let toy = try registry.make("Toy3-v0")
        #expect((toy as? TimeLimit)?.maxEpisodeSteps == 13)
        let duplicate = try #require(registry.specification(for: "Toy3-v0"))
        #expect(throws: EnvironmentError.duplicateRegistration(id: "Toy3-v0")) { try registry.register(duplicate) }
        try registry.register(duplicate, replacing: true)
        #expect(EnvironmentRegistry.shared.specification(for: "Toy3-v0") == nil, "separate registries stay separate")
    }
}
