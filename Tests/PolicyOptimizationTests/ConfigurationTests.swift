import Testing
@testable import PolicyOptimization
import TrainingSettings

@Suite struct ConfigurationTests {
    @Test func zooKeysSetTypedFields() throws {
        var configuration = TrainingConfiguration()
        try configuration.set("n_envs", to: .integer(4))
        try configuration.set("learning_rate", to: .string("3e-4"))
        try configuration.set("target_kl", to: .real(0.02))
        try configuration.set("n_timesteps", to: .real(1e5))
        try configuration.set("normalize", to: .string("{'norm_obs': True, 'norm_reward': False}"))
        try configuration.set("policy_kwargs", to: .string("dict(net_arch=dict(pi=[32, 16], vf=[8]), activation_fn=nn.ReLU, log_std_init=-1)"))
        #expect(configuration.environmentCopies == 4)
        #expect(configuration.learningRate == 3e-4)
        #expect(configuration.naturalGradientSettings.maxKL == 0.02)
        #expect(configuration.suggestedTimesteps == 100_000)
        #expect(configuration.normalizeObservations && !configuration.normalizeRewards)
        #expect(configuration.policyHiddenWidths == [32, 16] && configuration.valueHiddenWidths == [8])
        #expect(configuration.activation == .relu && configuration.logStdInit == -1)
        try configuration.set("net_arch", to: .list([.integer(64), .integer(64)]))
        #expect(configuration.policyHiddenWidths == [64, 64] && configuration.valueHiddenWidths == [64, 64])
    }

    /// Unknown keys and impossible values are rejected with a message naming the key.
    @Test(arguments: [
        ("nsteps", ConfigurationValue.integer(5), "nsteps"),
        ("target_kl", .real(0), "target_kl"),
        ("target_kl", .real(-1), "target_kl"),
        ("gamma", .real(1.5), "gamma"),
        ("gamma", .real(0), "gamma"),
        ("gae_lambda", .real(2), "gae_lambda"),
        ("n_steps", .integer(0), "n_steps"),
        ("learning_rate", .string("fast"), "learning_rate"),
        ("cg_damping", .real(-0.1), "cg_damping"),
        ("line_search_shrinking_factor", .real(1), "line_search_shrinking_factor"),
        ("policy", .string("MultiInputPolicy"), "policy"),
        ("policy_kwargs", .string("dict(unknown=3)"), "policy_kwargs.unknown"),
        ("policy_kwargs", .string("dict(net_arch=[64,"), "policy_kwargs"),
        ("normalize", .string("maybe"), "normalize"),
    ])
    func rejectsBadSettings(key: String, value: ConfigurationValue, named: String) {
        var configuration = TrainingConfiguration()
        do {
            try configuration.set(key, to: value)
            Issue.record("\(key) = \(value.description) was accepted")
        } catch {
            #expect("\(error)".contains("'\(named)'") || "\(error)".contains(named), "message: \(error)")
        }
    }

    @Test func ignoredKeysWarn() throws {
        var configuration = TrainingConfiguration()
        let warnings = try configuration.set("use_sde", to: .bool(true))
        #expect(warnings.count == 1 && warnings[0].contains("gSDE"))
    }

    @Test func combinationsAreValidated() {
        var configuration = TrainingConfiguration()
        configuration.stepsPerCopy = 1
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }

    /// Every zoo table entry applies without error and round-trips through `keyValues`.
    @Test(arguments: Algorithm.allCases) func zooTablesApply(algorithm: Algorithm) throws {
        for (id, settings) in ZooHyperparameters.table(for: algorithm) {
            var configuration = TrainingConfiguration()
            for (key, value) in settings { try configuration.set(key, to: value) }
            try configuration.validate()
            var copy = TrainingConfiguration()
            for (key, value) in configuration.keyValues { try copy.set(key, to: value) }
            // What config.json holds reads back to the same resolved settings.
            #expect(copy.keyValues.map { "\($0.key)=\($0.value)" } == configuration.keyValues.map { "\($0.key)=\($0.value)" }, "\(id)")
            #expect(copy.naturalGradientSettings.maxKL == configuration.naturalGradientSettings.maxKL)
        }
        let cartPole = TrainingConfiguration.zooDefaults(for: "CartPole-v1")
        #expect(cartPole.environmentCopies == 2 && cartPole.stepsPerCopy == 512 && cartPole.criticEpochs == 20)
        #expect(cartPole.damping == 1e-3 && cartPole.gaeLambda == 0.98)
    }

    @Test func pythonLiterals() throws {
        #expect(try PythonLiteral.parse("[1, 2.5, 'a', True, None]")
            == .list([.integer(1), .real(2.5), .string("a"), .bool(true), .list([])]))
        #expect(try PythonLiteral.parse("dict(a=dict(b=(1,)), c=nn.Tanh)")
            == .mapping(["a": .mapping(["b": .list([.integer(1)])]), "c": .string("nn.Tanh")]))
        #expect(throws: ConfigurationError.self) { try PythonLiteral.parse("dict(a=1") }
    }
}
