import Environments
import Testing

/// Keyword arguments at the registry level (`--env-kwargs`): parsing, variant ids, resolution by a
/// fresh registry, and the errors, on a CartPole entry that takes Gymnasium's `sutton_barto_reward`.
struct EnvironmentArgumentTests {
    /// A registry whose CartPole-v1 takes `sutton_barto_reward`, as Gymnasium's does.
    static func registry() throws -> EnvironmentRegistry {
        let registry = EnvironmentRegistry(registeringClassicControl: true)
        var entry = try #require(registry.specification(for: "CartPole-v1"))
        entry.makeUnwrappedWithArguments = { arguments in
            var suttonBarto = false
            var reader = EnvironmentArgumentReader(environment: "CartPole-v1", arguments: arguments)
            try reader.read("sutton_barto_reward", into: &suttonBarto)
            try reader.finish()
            return CartPole(suttonBartoReward: suttonBarto)
        }
        try registry.register(entry, replacing: true)
        return registry
    }

    @Test func parsingSplittingAndMerging() throws {
        let arguments = try EnvironmentArguments(parsing: ["b = 2", "a=(1, inf)", "b=3"])
        #expect(arguments.values == ["a": "(1, inf)", "b": "3"])
        let id = arguments.variantID(of: "X-v0")
        #expect(id == "X-v0?a=(1, inf)&b=3")
        let (base, parsed) = try EnvironmentArguments.split(variantID: id)
        #expect(base == "X-v0" && parsed == arguments)
        #expect(arguments.merging(EnvironmentArguments(["b": "4", "c": "5"])).values == ["a": "(1, inf)", "b": "4", "c": "5"])
        #expect(EnvironmentArguments().variantID(of: "X-v0") == "X-v0")
        for bad in ["novalue", "=1", "a=", "a=1&b=2"] {
            #expect(throws: EnvironmentArgumentError.malformed(item: bad)) { try EnvironmentArguments(parsing: [bad]) }
        }
    }

    @Test func variantsAreRegisteredAndResolvedByAFreshRegistry() throws {
        let registry = try Self.registry()
        let id = try registry.variant(of: "CartPole-v1", arguments: EnvironmentArguments(["sutton_barto_reward": "True"]))
        #expect(id == "CartPole-v1?sutton_barto_reward=True")
        #expect(registry.ids.contains(id))
        #expect(registry.specification(for: id)?.maxEpisodeSteps == 500)
        // Sutton and Barto's reward is 0 per step; the default pays 1.
        let variant = try Self.registry().make(id), plain = try registry.make("CartPole-v1")
        _ = try variant.reset(seed: 1)
        _ = try plain.reset(seed: 1)
        #expect(try variant.step(.discrete(0)).reward == 0)
        #expect(try plain.step(.discrete(0)).reward == 1)
        // Arguments added to a variant id merge over its own.
        #expect(try registry.variant(of: id, arguments: EnvironmentArguments(["sutton_barto_reward": "False"]))
            == "CartPole-v1?sutton_barto_reward=False")
    }

    @Test func errorsNameTheProblem() throws {
        let registry = try Self.registry()
        #expect(throws: EnvironmentArgumentError.unknownKeys(
            environment: "CartPole-v1", keys: ["gravity"], accepted: ["sutton_barto_reward"])) {
            try registry.variant(of: "CartPole-v1", arguments: EnvironmentArguments(["gravity": "9"]))
        }
        #expect(throws: EnvironmentArgumentError.notConfigurable(environment: "Pendulum-v1")) {
            try registry.make("Pendulum-v1?g=9.81")
        }
        #expect(throws: EnvironmentError.self) { try registry.make("Nothing-v0?a=1") }
        #expect(registry.specification(for: "Pendulum-v1?g=9.81") == nil)
        do {
            _ = try registry.make("CartPole-v1?sutton_barto_reward=maybe")
            Issue.record("a non-boolean was accepted")
        } catch let error as EnvironmentArgumentError {
            #expect(error.description == "CartPole-v1: sutton_barto_reward=maybe is not a boolean (True or False)")
        }
    }
}
