#if MuJoCo
import DenseLinearAlgebra
import Environments
import MuJoCoEnvironments
import Testing

/// The registry, the spaces, seeding and the reset noise of each environment.
struct MuJoCoEnvironmentsTests {
    @Test("The registry lists the v4 and v5 environments with Gymnasium's time limits")
    func registry() throws {
        #expect(MuJoCoEnvironments.isAvailable)
        #expect(MuJoCoEnvironments.engineVersion == "4.0.0")
        #expect(Set(MuJoCoEnvironments.ids) == Set(RegistryTests.expected.keys))
        #expect(MuJoCoEnvironments.maxEpisodeSteps("Hopper-v4") == 1000)
        #expect(MuJoCoEnvironments.maxEpisodeSteps("Reacher-v4") == 50)
        #expect(MuJoCoEnvironments.maxEpisodeSteps("CartPole-v1") == nil)
        #expect(throws: MuJoCoError.unknownEnvironment(id: "Hopper-v9", known: MuJoCoEnvironments.ids)) {
            try MuJoCoEnvironments.make("Hopper-v9")
        }
    }

    @Test("Observation and action spaces have Gymnasium's widths and bounds")
    func spaces() throws {
        for (id, widths) in RegistryTests.expected {
            let environment = try MuJoCoEnvironments.make(id)
            #expect(environment.observationSpace.dimension == widths.observation, "\(id)")
            #expect(environment.actionSpace == .box(
                low: [Float](repeating: -widths.bound, count: widths.action),
                high: [Float](repeating: widths.bound, count: widths.action)), "\(id)")
            #expect(try environment.reset(seed: 0).count == widths.observation, "\(id)")
        }
        var ant = Ant()
        ant.useContactForces = true
        #expect(try MuJoCoEnvironment(task: ant).observationSpace.dimension == 27 + 84)
    }

    @Test("A seed fixes the start state; different seeds give different ones", arguments: MuJoCoEnvironments.ids)
    func seeding(id: String) throws {
        let first = try MuJoCoEnvironments.make(id), second = try MuJoCoEnvironments.make(id)
        let start = try first.reset(seed: 42)
        #expect(try second.reset(seed: 42) == start)
        #expect(try second.reset(seed: 43) != start)
        #expect(try first.reset(seed: nil) != start)  // the stream continues
    }

    @Test("Reset noise stays within Gymnasium's bounds", arguments: [
        ("Hopper-v4", 5e-3, 5e-3), ("Walker2d-v4", 5e-3, 5e-3), ("Swimmer-v4", 0.1, 0.1),
        ("InvertedPendulum-v4", 0.01, 0.01), ("HalfCheetah-v4", 0.1, 0.8), ("Ant-v4", 0.1, 0.8),
        ("InvertedDoublePendulum-v4", 0.1, 0.8), ("Hopper-v5", 5e-3, 5e-3), ("Walker2d-v5", 5e-3, 5e-3),
        ("Swimmer-v5", 0.1, 0.1), ("HalfCheetah-v5", 0.1, 0.8), ("Ant-v5", 0.1, 0.8),
        ("Humanoid-v5", 0.01, 0.01), ("HumanoidStandup-v4", 0.01, 0.01),
    ])
    func resetNoise(id: String, positionScale: Double, velocityBound: Double) throws {
        // Normal velocity noise (0.1 · N(0, 1)) has no bound; 0.8 is eight standard deviations.
        let environment = try #require(try MuJoCoEnvironments.make(id) as? any PhysicsEnvironment)
        let reference = try ReferencePose.positions(of: id)
        var largestOffset = 0.0
        for seed in 0..<20 {
            _ = try environment.reset(seed: UInt64(seed))
            for (position, base) in zip(environment.positions, reference) {
                #expect(abs(position - base) <= positionScale)
                largestOffset = max(largestOffset, abs(position - base))
            }
            #expect(environment.velocities.allSatisfy { abs($0) <= velocityBound })
        }
        #expect(largestOffset > positionScale / 2)  // the noise is really there
    }

    @Test("Reacher's goal is uniform in the disc of radius 0.2 and starts at rest")
    func reacherGoal() throws {
        let reacher = try MuJoCoEnvironment<Reacher>()
        for seed in 0..<50 {
            _ = try reacher.reset(seed: UInt64(seed))
            let goal = Array(reacher.positions[2...3])
            #expect((goal[0] * goal[0] + goal[1] * goal[1]).squareRoot() < 0.2)
            #expect(reacher.velocities[2...3] == [0, 0])
            #expect(reacher.velocities[0...1].allSatisfy { abs($0) <= 0.005 })
        }
    }

    @Test("Actions of the wrong kind or width are refused with a clear error")
    func invalidActions() throws {
        let hopper = try MuJoCoEnvironment<Hopper>()
        _ = try hopper.reset(seed: 0)
        #expect(throws: MuJoCoError.self) { try hopper.step(.continuous([0, 0])) }
        #expect(throws: MuJoCoError.self) { try hopper.step(.discrete(1)) }
        #expect(throws: MuJoCoError.self) { try hopper.reset(positions: [0], velocities: [0]) }
        let error = MuJoCoError.invalidAction(environment: "Hopper-v4", expected: "3 continuous values", got: "x")
        #expect(error.description.contains("Hopper-v4"))
    }
}

/// `qpos0` of each model, read from a fresh simulation.
enum ReferencePose {
    static func positions(of id: String) throws -> [Double] {
        let family = String(id.prefix { $0 != "-" })
        let models = [
            "Hopper": "hopper", "Walker2d": "walker2d", "Swimmer": "swimmer", "HalfCheetah": "half_cheetah",
            "Ant": "ant", "InvertedPendulum": "inverted_pendulum", "InvertedDoublePendulum": "inverted_double_pendulum",
            "Reacher": "reacher", "Humanoid": "humanoid", "HumanoidStandup": "humanoidstandup",
        ]
        let name = try #require(models[family])
        return try MuJoCoSimulation(modelName: name, frameSkip: 1).initialPositions
    }
}
#endif
