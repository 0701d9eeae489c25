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

    @Test func providerIdsMakeVectorEnvironmentsAndSingleCopiesThatStepLikeTheEnvironment() throws {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        registry.registerVectorProvider(scheme: "test") { _, count, _ in try VectorEnvironment(id: "CartPole-v1", count: count) }
        #expect(try registry.makeVectorEnvironment(id: "test:anything", count: 3).count == 3)
        #expect(try registry.makeVectorEnvironment(id: "Pendulum-v1", count: 2).actionSpace == .box(low: [-2], high: [2]))
        #expect(registry.specification(for: "test:anything")?.actionSpace == .discrete(count: 2))
        #expect(!registry.ids.contains("test:anything"))
        // One copy through the vector environment's same-step auto-reset equals CartPole stepped and
        // reset by hand: the kept reset observation is what the unseeded reset would draw.
        let single = try registry.make("test:anything")
        let plain = try registry.make("CartPole-v1")
        #expect(try single.reset(seed: 3) == plain.reset(seed: 3))
        var episodes = 0
        for step in 0..<600 {
            let action = Action.discrete(step % 3 == 0 ? 0 : 1)
            let (a, b) = (try single.step(action), try plain.step(action))
            #expect(a == b, "step \(step)")
            if a.terminated || a.truncated {
                episodes += 1
                #expect(try single.reset(seed: nil) == plain.reset(seed: nil))
            }
        }
        #expect(episodes > 5)
        #expect(throws: EnvironmentError.self) { try single.restore(single.snapshot()) }
    }
}
