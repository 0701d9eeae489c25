import DenseLinearAlgebra
import NeuralNetworks
import Testing
@testable import PolicyOptimization
import TrainingSettings

@Suite("Algorithms, keys and zoo tables")
struct AlgorithmConfigurationTests {
    @Test func everyZooEntryAppliesWithoutErrorAndValidates() throws {
        var entries = 0
        for algorithm in Algorithm.allCases {
            let environments = ZooHyperparameters.table(for: algorithm).keys.sorted() + ["NoSuchEnvironment-v0"]
            for environment in environments {
                var configuration = TrainingConfiguration()
                configuration.algorithm = algorithm
                let settings = ZooHyperparameters.baseSettings(for: algorithm)
                    + (ZooHyperparameters.table(for: algorithm)[environment] ?? [])
                for (key, value) in settings {
                    let warnings = try configuration.set(key, to: value)
                    // Only ortho_init=False (MountainCarContinuous PPO) is expected to warn.
                    #expect(warnings.allSatisfy { $0.contains("ortho_init") }, "\(algorithm) \(environment) \(key)")
                }
                try configuration.validate()
                #expect(configuration == TrainingConfiguration.zooDefaults(for: environment, algorithm: algorithm))
                entries += 1
            }
        }
        #expect(entries >= 5 * 4 + Algorithm.allCases.count)
    }

    @Test func zooDefaultsFollowEachAlgorithmsSource() {
        let ppo = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .ppo)
        #expect(ppo.environmentCopies == 8 && ppo.stepsPerCopy == 32 && ppo.batchSize == 256 && ppo.epochs == 20)
        #expect(ppo.learningRate == 1e-3 && ppo.clipRange == 0.2 && ppo.maxGradientNorm == 0.5)
        #expect(ppo.criticFitEpochs == 20, "PPO fits the critic for n_epochs")
        let pendulum = TrainingConfiguration.zooDefaults(for: "Pendulum-v1", algorithm: .ppo)
        #expect(pendulum.batchSize == 64 && pendulum.environmentCopies == 4 && pendulum.discount == 0.9)
        let vpg = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .vpg)
        #expect(vpg.policyLearningRate == 3e-4 && vpg.learningRate == 1e-3 && vpg.stepsPerCopy == 4000)
        #expect(vpg.criticFitEpochs == 80 && vpg.gaeLambda == 0.97 && vpg.logStdInit == -0.5)
        // NPG and the Euclidean VPG are TRPO's settings with another step.
        var npg = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .npg)
        var euclidean = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .vpgEuclidean)
        npg.algorithm = .trpo
        euclidean.algorithm = .trpo
        let trpo = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .trpo)
        #expect(npg == trpo && euclidean == trpo)
    }

    @Test func newKeysParseAndReject() throws {
        var configuration = TrainingConfiguration()
        try configuration.set("algo", to: .string("vpg-euclidean"))
        #expect(configuration.algorithm == .vpgEuclidean)
        try configuration.set("euclidean_delta", to: .real(0.02))
        #expect(configuration.euclideanDelta == 0.02)
        #expect(throws: ConfigurationError.self) { try configuration.set("euclidean_delta", to: .real(0)) }
        try configuration.set("pi_lr", to: .string("3e-4"))
        #expect(configuration.policyLearningRate == 3e-4)
        // lin_X is a real schedule now (ScheduleTests), no longer the constant X with a warning.
        let warnings = try configuration.set("learning_rate", to: .string("lin_7.3e-4"))
        #expect(configuration.learningRate == 7.3e-4 && configuration.learningRateSchedule == .linear && warnings.isEmpty)
        #expect(throws: ConfigurationError.self) { try configuration.set("clip_range", to: .string("lin_x")) }
        #expect(configuration.keyValues.contains { $0.key == "euclidean_delta" && $0.value == .real(0.02) })
    }

    @Test func ppoNeedsTwoSamplesButAcceptsABatchSizeAboveTheBuffer() throws {
        var configuration = TrainingConfiguration.zooDefaults(for: "MountainCarContinuous-v0", algorithm: .ppo)
        #expect(configuration.batchSize > configuration.batchRows, "the zoo's entry: 256 > 8 rows")
        try configuration.validate()
        configuration.stepsPerCopy = 1
        configuration.normalizeAdvantage = false
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }

    @Test func valueClippingFreezesPredictionsOutsideTheRange() {
        let network = MLP(inputWidth: 2, hiddenWidths: [6], outputWidth: 1, activation: .tanh)
        var stream = RandomStream(seed: 9)
        let start = network.initialParameters(outputGain: 1, stream: &stream)
        let observations = (0..<40).map { _ in Float(stream.nextNormal()) }
        let returns = (0..<20).map { _ in stream.nextNormal() }
        let values = CriticFit.values(network: network, parameters: start, observations: observations, rows: 20, threads: 1)
        func fit(_ clipping: ValueClipping?) -> (parameters: [Float], loss: Double) {
            var parameters = start
            var optimizer = Adam(parameterCount: start.count, learningRate: 1e-2)
            var order = RandomStream(seed: 1)
            let loss = CriticFit.fit(
                network: network, parameters: &parameters, optimizer: &optimizer, observations: InputRows(floats: observations),
                returns: returns, epochs: 1, batchSize: 20, maxGradientNorm: nil, clipping: clipping, threads: 1,
                stream: &order)
            return (parameters, loss)
        }
        // Every prediction 10 below its old value: all clipped, so no gradient and no change.
        let frozen = fit(ValueClipping(oldValues: values.map { $0 + 10 }, range: 0.1))
        #expect(frozen.parameters == start)
        let clippedLoss = zip(values, returns).map { (Double($0 + 10) - 0.1 - $1) * (Double($0 + 10) - 0.1 - $1) }
        #expect(abs(frozen.loss - clippedLoss.reduce(0, +) / 20) < 1e-4)
        // A range wider than any change is no clipping at all.
        #expect(fit(ValueClipping(oldValues: values, range: 1e6)).parameters == fit(nil).parameters)
    }
}
