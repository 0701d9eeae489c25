import PolicyOptimization
import Testing
@testable import RunArtifacts

@Suite struct ConfigurationFileTests {
    /// The zoo's own format: several ids, anchors and merge keys, Python-literal strings, !!float.
    static let zoo = """
        CartPole-v1:
          n_envs: 2
          policy: 'MlpPolicy'
          n_timesteps: !!float 1e5
          n_steps: 512
          batch_size: 512
          cg_damping: !!float 1e-3
          gae_lambda: 0.98
          learning_rate: !!float 1e-3
          n_critic_updates: 20
        HalfCheetahBulletEnv-v0: &pybullet-defaults
          normalize: true
          n_envs: 2
          cg_max_steps: 25
          policy_kwargs: "dict(log_std_init=-2, net_arch=[256, 256])"
        Hopper-v4:
          <<: *pybullet-defaults
          target_kl: 0.04
          use_sde: False
        """

    @Test func readsTheEntryOfTheEnvironment() throws {
        let (cartPole, _) = try ConfigurationFile.parse(
            Self.zoo, path: "trpo.yml", environmentID: "CartPole-v1", over: TrainingConfiguration())
        #expect(cartPole.stepsPerCopy == 512 && cartPole.damping == 1e-3 && cartPole.suggestedTimesteps == 100_000)
        let (hopper, warnings) = try ConfigurationFile.parse(
            Self.zoo, path: "trpo.yml", environmentID: "Hopper-v4", over: TrainingConfiguration())
        #expect(hopper.conjugateGradientIterations == 25 && hopper.naturalGradientSettings.maxKL == 0.04)
        #expect(hopper.normalizeObservations && hopper.normalizeRewards && hopper.logStdInit == -2)
        #expect(hopper.policyHiddenWidths == [256, 256])
        #expect(warnings.contains { $0.contains("use_sde") })
    }

    @Test func flatFilesApplyToAnyEnvironment() throws {
        let (configuration, _) = try ConfigurationFile.parse(
            "gamma: 0.9\nn_steps: 64\n", path: "flat.yml", environmentID: "Pendulum-v1", over: TrainingConfiguration())
        #expect(configuration.discount == 0.9 && configuration.stepsPerCopy == 64)
    }

    @Test(arguments: [
        ("CartPole-v1: [1, 2", "malformed YAML"),
        ("Acrobot-v1:\n  n_envs: 2\n", "no entry for CartPole-v1"),
        ("CartPole-v1:\n  n_stepz: 2\n", "'n_stepz'"),
        ("CartPole-v1:\n  gamma: 1.5\n", "'gamma'"),
        ("- 1\n- 2\n", "expected a mapping"),
    ])
    func badFilesNameTheProblem(text: String, expected: String) {
        do {
            _ = try ConfigurationFile.parse(text, path: "bad.yml", environmentID: "CartPole-v1", over: TrainingConfiguration())
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".contains(expected), "message: \(error)")
            #expect("\(error)".contains("bad.yml"))
        }
    }

    @Test func overridesParseYAMLScalars() throws {
        var configuration = TrainingConfiguration()
        _ = try ConfigurationFile.applyOverrides(["target_kl=0.05", "net_arch=[32, 32]", "normalize=true"], to: &configuration)
        #expect(configuration.naturalGradientSettings.maxKL == 0.05 && configuration.policyHiddenWidths == [32, 32])
        #expect(configuration.normalizeObservations)
        #expect(throws: ConfigurationError.self) { _ = try ConfigurationFile.applyOverrides(["bogus=1"], to: &configuration) }
        #expect(throws: ConfigurationError.self) { _ = try ConfigurationFile.applyOverrides(["gamma"], to: &configuration) }
    }
}
