import Environments
import Testing

@Suite struct EnvironmentSuggestionTests {
    let classicControl = EnvironmentRegistry(registeringClassicControl: true).ids

    @Test(arguments: [
        ("cartpole", "CartPole-v1"), ("CartPole-v0", "CartPole-v1"), ("Pendulum", "Pendulum-v1"),
        ("mountaincar-v0", "MountainCar-v0"), ("acrobot-v2", "Acrobot-v1"),
    ])
    func slipsGetTheClosestKnownId(typed: String, suggested: String) {
        #expect(EnvironmentSuggestion.closest(to: typed, among: classicControl) == suggested)
        #expect("\(EnvironmentError.unknownEnvironment(id: typed, knownIds: classicControl))".contains("did you mean \(suggested)?"))
    }

    @Test func farIdsGetNoSuggestion() {
        #expect(EnvironmentSuggestion.closest(to: "LunarLander-v3", among: classicControl) == nil)
        #expect(EnvironmentSuggestion.hint(for: "LunarLander-v3", knownIds: classicControl) == nil)
    }

    @Test(arguments: ["Hopper-v4", "Hopper-v5", "Humanoid-v4", "Walker2d-v5", "InvertedDoublePendulum-v4"])
    func muJoCoIdsSayWhatToInstallInABuildWithoutMuJoCo(id: String) throws {
        let hint = try #require(EnvironmentSuggestion.hint(for: id, knownIds: classicControl))
        #expect(hint.contains("scripts/install-mujoco.sh") && hint.contains("--traits MuJoCo"))
        // With MuJoCo built in, an unregistered version is a slip: the registered one is suggested.
        #expect(EnvironmentSuggestion.hint(for: "Hopper-v3", knownIds: classicControl + ["Hopper-v4"]) == "did you mean Hopper-v4?")
    }

    @Test(arguments: ["ALE/Pong-v5", "PongNoFrameskip-v4", "Breakout-v4", "SpaceInvadersDeterministic-v4", "Pong-ramNoFrameskip-v4"])
    func atariIdsSayWhatToInstallInABuildWithoutTheEmulator(id: String) throws {
        let hint = try #require(EnvironmentSuggestion.hint(for: id, knownIds: classicControl))
        #expect(hint.contains("scripts/install-ale.sh") && hint.contains("--traits ALE"), "\(hint)")
    }

    @Test func bridgedIdsAreRefusedBySingleEnvironmentMakers() throws {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        registry.registerVectorProvider(scheme: "test") { _, count, _ in try VectorEnvironment(id: "CartPole-v1", count: count) }
        #expect(try registry.makeVectorEnvironment(id: "test:anything", count: 3).count == 3)
        #expect(try registry.makeVectorEnvironment(id: "Pendulum-v1", count: 2).actionSpace == .box(low: [-2], high: [2]))
        #expect(throws: EnvironmentError.self) { try registry.make("test:anything") }
    }
}
