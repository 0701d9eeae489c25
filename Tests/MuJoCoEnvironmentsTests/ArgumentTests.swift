#if MuJoCo
import Environments
import MuJoCoEnvironments
import Testing

/// Gymnasium's keyword arguments (`--env-kwargs`): parsed, applied, refused when unknown, and
/// registered as variant ids that rebuild the same environment.
struct ArgumentTests {
    @Test("Observation options change the widths as in Gymnasium")
    func observationOptions() throws {
        let widths: [(id: String, arguments: [String: String], width: Int)] = [
            ("Hopper-v5", ["exclude_current_positions_from_observation": "False"], 12),
            ("Walker2d-v4", ["exclude_current_positions_from_observation": "false"], 18),
            ("Swimmer-v5", ["exclude_current_positions_from_observation": "False"], 10),
            ("Ant-v5", ["include_cfrc_ext_in_observation": "False"], 27),
            ("Ant-v5", ["exclude_current_positions_from_observation": "False"], 107),
            ("Ant-v4", ["use_contact_forces": "True"], 111),
        ]
        for (id, arguments, width) in widths {
            let environment = try MuJoCoEnvironments.make(id, arguments: EnvironmentArguments(arguments))
            #expect(environment.observationSpace.dimension == width, "\(id) \(arguments)")
            #expect(try environment.reset(seed: 0).count == width, "\(id) \(arguments)")
        }
    }

    @Test("Unknown keys, v5-only keys on v4 and bad values are refused, naming the key")
    func badArguments() throws {
        #expect(throws: EnvironmentArgumentError.self) {
            try MuJoCoEnvironments.make("Hopper-v5", arguments: EnvironmentArguments(["healthy_z": "1"]))
        }
        #expect(throws: EnvironmentArgumentError.self) {
            try MuJoCoEnvironments.make("Hopper-v4", arguments: EnvironmentArguments(["frame_skip": "5"]))
        }
        #expect(throws: EnvironmentArgumentError.self) {
            try MuJoCoEnvironments.make("InvertedPendulum-v4", arguments: EnvironmentArguments(["reset_noise_scale": "0.1"]))
        }
        do {
            _ = try MuJoCoEnvironments.make("Hopper-v5", arguments: EnvironmentArguments(["healthy_z_range": "(0.7)"]))
            Issue.record("a one-number range was accepted")
        } catch let error as EnvironmentArgumentError {
            #expect(error.description.contains("healthy_z_range=(0.7)"))
        }
        do {
            _ = try MuJoCoEnvironments.make("Ant-v5", arguments: EnvironmentArguments(["xml_file": "ant.xml"]))
            Issue.record("xml_file was accepted")
        } catch let error as EnvironmentArgumentError {
            #expect(error.description.contains("xml_file") && error.description.contains("contact_cost_weight"))
        }
    }

    @Test("A variant id is registered once and rebuilds the same environment; the defaults equal the base")
    func variantIDs() throws {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        try MuJoCoEnvironments.registerAll(in: registry)
        let arguments = try EnvironmentArguments(parsing: [
            "reset_noise_scale=0.1", "exclude_current_positions_from_observation=False",
        ])
        let id = try registry.variant(of: "Hopper-v5", arguments: arguments)
        #expect(id == "Hopper-v5?exclude_current_positions_from_observation=False&reset_noise_scale=0.1")
        #expect(try registry.variant(of: "Hopper-v5", arguments: EnvironmentArguments()) == "Hopper-v5")
        let specification = try #require(registry.specification(for: id))
        #expect(specification.maxEpisodeSteps == 1000)
        #expect(specification.observationSpace.dimension == 12)
        // A fresh registry resolves the recorded id by itself (resume, eval).
        let fresh = EnvironmentRegistry(registeringClassicControl: true)
        try MuJoCoEnvironments.registerAll(in: fresh)
        let first = try registry.make(id), second = try fresh.make(id)
        #expect(try first.reset(seed: 4) == second.reset(seed: 4))
        // Explicit default values give the default environment's transitions.
        let explicit = try fresh.make(try fresh.variant(of: "Hopper-v5", arguments: EnvironmentArguments(["reset_noise_scale": "5e-3"])))
        let plain = try fresh.make("Hopper-v5")
        #expect(try explicit.reset(seed: 9) == plain.reset(seed: 9))
        #expect(try explicit.step(.continuous([0.1, -0.2, 0.3])) == plain.step(.continuous([0.1, -0.2, 0.3])))
        #expect(throws: EnvironmentArgumentError.notConfigurable(environment: "CartPole-v1")) {
            try fresh.variant(of: "CartPole-v1", arguments: EnvironmentArguments(["x": "1"]))
        }
    }

    @Test("Python spellings of values parse")
    func valueSpellings() throws {
        var task = Hopper(version: .v5)
        var reader = EnvironmentArgumentReader(environment: "Hopper-v5", arguments: EnvironmentArguments([
            "healthy_z_range": "(0.5, float('inf'))", "healthy_angle_range": "[-0.3, 0.3]",
            "terminate_when_unhealthy": "0", "ctrl_cost_weight": "1e-2", "frame_skip": "2",
        ]))
        try task.configure(&reader)
        try reader.finish()
        #expect(task.healthyZRange == (0.5, .infinity))
        #expect(task.healthyAngleRange == (-0.3, 0.3))
        #expect(!task.terminateWhenUnhealthy && task.controlCostWeight == 1e-2 && task.frameSkip == 2)
        #expect(throws: EnvironmentArgumentError.self) { try EnvironmentArguments(parsing: ["reset_noise_scale"]) }
    }
}
#endif
