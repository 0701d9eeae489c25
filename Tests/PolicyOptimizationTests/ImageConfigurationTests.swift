import NeuralNetworks
import Testing
@testable import PolicyOptimization
import TrainingSettings

@Suite("Image observations: CnnPolicy, the Atari wrapper and the Atari defaults")
struct ImageConfigurationTests {
    /// `policy: CnnPolicy` picks NatureCNN; `policy_kwargs` may name another trunk; `MlpPolicy`
    /// goes back to MLPs; and `config.json`'s keys read back what was set.
    @Test func policyClassAndFeaturesExtractor() throws {
        var configuration = TrainingConfiguration()
        try configuration.set("policy", to: .string("CnnPolicy"))
        #expect(configuration.convolutionalNetwork == .natureCNN)
        try configuration.set("policy_kwargs", to: .string("dict(features_extractor_class=cnn_small)"))
        #expect(configuration.convolutionalNetwork == .cnnSmall)
        let values = Dictionary(uniqueKeysWithValues: configuration.keyValues.map { ($0.key, $0.value) })
        #expect(values["policy"] == .string("CnnPolicy"))
        #expect(values["features_extractor_class"] == .string("cnn_small"))
        var reread = TrainingConfiguration()
        for (key, value) in configuration.keyValues { try reread.set(key, to: value) }
        #expect(reread.convolutionalNetwork == .cnnSmall)
        try configuration.set("policy", to: .string("MlpPolicy"))
        #expect(configuration.convolutionalNetwork == nil)
        #expect(throws: ConfigurationError.self) { try configuration.set("policy", to: .string("LstmPolicy")) }
        #expect(throws: ConfigurationError.self) {
            try configuration.set("features_extractor_class", to: .string("ResNet"))
        }
    }

    /// `env_wrapper` accepts SB3's AtariWrapper by name, by the zoo's module path and as a
    /// one-element list, and nothing else.
    @Test func environmentWrapper() throws {
        var configuration = TrainingConfiguration()
        try configuration.set("env_wrapper", to: .list([.string("stable_baselines3.common.atari_wrappers.AtariWrapper")]))
        #expect(configuration.atariWrapper)
        try configuration.set("env_wrapper", to: .list([]))
        #expect(!configuration.atariWrapper)
        try configuration.set("env_wrapper", to: .string("AtariWrapper"))
        #expect(configuration.atariWrapper)
        #expect(throws: ConfigurationError.self) { try configuration.set("env_wrapper", to: .string("TimeFeatureWrapper")) }
        #expect(throws: ConfigurationError.self) { try configuration.set("frame_stack", to: .integer(0)) }
        try configuration.set("screen_size", to: .list([.integer(52), .integer(40)]))
        #expect(configuration.screenHeight == 52 && configuration.screenWidth == 40)
        try configuration.set("screen_size", to: .integer(42))
        #expect(configuration.screenHeight == 42 && configuration.screenWidth == 42)
        #expect(throws: ConfigurationError.self) { try configuration.set("screen_size", to: .integer(300)) }
    }

    /// Atari ids get the zoo's Atari conventions; PPO the zoo's `atari` entry (schedules included).
    @Test func atariDefaults() {
        for algorithm in [Algorithm.trpo, .ppo] {
            let configuration = TrainingConfiguration.zooDefaults(for: "BreakoutNoFrameskip-v4", algorithm: algorithm)
            #expect(configuration.atariWrapper)
            #expect(configuration.frameStack == 4)
            #expect(configuration.convolutionalNetwork == .natureCNN)
            #expect(configuration.environmentCopies == 8 && configuration.stepsPerCopy == 128)
        }
        let ppo = TrainingConfiguration.zooDefaults(for: "ALE/Pong-v5", algorithm: .ppo)
        #expect(ppo.epochs == 4 && ppo.batchSize == 256 && ppo.entropyCoefficient == 0.01)
        // SB3's CnnPolicy shares its NatureCNN; TRPO's Atari defaults keep two networks.
        #expect(ppo.sharesFeatures && ppo.valueCoefficient == 0.5)
        #expect(!TrainingConfiguration.zooDefaults(for: "ALE/Pong-v5", algorithm: .trpo).sharesFeatures)
        let ram = TrainingConfiguration.zooDefaults(for: "Pong-ramNoFrameskip-v4", algorithm: .trpo)
        #expect(!ram.atariWrapper && ram.convolutionalNetwork == nil)
    }
}
