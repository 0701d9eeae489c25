import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Testing
import _TestSupport
@testable import PolicyOptimization
import TrainingSettings

/// π and V as two heads of one network (`share_features_extractor`): one θ, PPO's joint loss.
@Suite struct SharedTrunkTests {
    /// An MLP trunk with three outputs: two logits, then V.
    static let base = MLP(inputWidth: 3, hiddenWidths: [8], outputWidth: 3, activation: .tanh)
    static let policyHead = OutputColumns(base: base, columns: 0..<2, otherColumnsGain: 1)
    static let valueHead = OutputColumns(base: base, columns: 2..<3, otherColumnsGain: 0.01)

    /// θ's output-layer weights of column `column` (the layer is hidden × 3, row-major, then biases).
    static func outputWeights(_ theta: [Float], column: Int) -> [Float] {
        let offset = base.weightOffset(layer: 1)
        return (0..<8).map { theta[offset + $0 * 3 + column] }
    }

    /// One PPO step (one epoch, the whole batch as one minibatch, no clipping of the gradient) on
    /// random states, with returns and advantages from `stream`; returns θ_old, θ_new and the metrics.
    func jointStep(advantageScale: Double, valueCoefficient: Double, onePass: Bool) -> (old: [Float], new: [Float], metrics: PolicyUpdateMetrics, returns: [Double], observations: [Float]) {
        let (input, theta, returns, observations) = jointInput(
            advantageScale: advantageScale, valueCoefficient: valueCoefficient, onePass: onePass)
        var settings = ProximalPolicySettings()
        (settings.epochs, settings.batchSize, settings.normalizeAdvantage) = (1, returns.count, false)
        settings.maxGradientNorm = nil
        var rule = ProximalPolicyUpdate(settings: settings)
        var updated = theta, order = RandomStream(seed: 5)
        let metrics = rule.update(input, parameters: &updated, stream: &order)
        return (theta, updated, metrics, returns, observations)
    }

    /// The update input of 64 random states, actions, returns and advantages at θ_old, with V's
    /// targets; with `onePass`, the heads are known as columns of one network (`JointHeads`).
    func jointInput(advantageScale: Double, valueCoefficient: Double, onePass: Bool)
        -> (input: PolicyUpdateInput, theta: [Float], returns: [Double], observations: [Float])
    {
        let rows = 64
        var stream = RandomStream(seed: 21)
        let policy = Policy(network: Self.policyHead, distribution: CategoricalDistribution(actionCount: 2))
        let theta = policy.initialParameters(stream: &stream)
        let observations = (0..<(rows * 3)).map { _ in Float(stream.nextNormal()) }
        let actions = (0..<rows).map { _ in Float(stream.nextInt(below: 2)) }
        let returns = (0..<rows).map { _ in 2 * stream.nextNormal() }
        let batch = PolicyBatch(policy: policy, observations: observations, actions: actions, rows: rows)
        batch.evaluate(at: theta)
        var input = PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: batch.logProbabilities(),
            oldDistribution: batch.distributions, advantages: (0..<rows).map { _ in advantageScale * stream.nextNormal() },
            threads: 1)
        input.sharedCritic = SharedCriticTarget(
            network: Self.valueHead, returns: returns, clipping: nil, coefficient: valueCoefficient,
            heads: onePass ? JointHeads(policy: Self.policyHead, critic: Self.valueHead) : nil)
        return (input, theta, returns, observations)
    }

    /// One pass of both heads gives the descent direction and loss of the two heads' passes apart
    /// (1e-5 relative: the same sums, rounded in another order), with value clipping too.
    @Test func onePassMatchesTheHeadsApart() throws {
        for clipped in [false, true] {
            var results: [([Float], Double?)] = []
            for onePass in [false, true] {
                var (input, theta, _, observations) = jointInput(advantageScale: 1, valueCoefficient: 0.5, onePass: onePass)
                if clipped {
                    input.sharedCritic?.clipping = ValueClipping(
                        oldValues: (0..<64).map { Float($0 % 5) * 0.1 - 0.2 }, range: 0.1)
                }
                #expect((input.sharedCritic?.heads != nil) == onePass)
                let passes = MinibatchPasses(input)
                // 48 of the 64 rows, out of order, as a minibatch.
                let indices = (0..<64).map { ($0 * 37) % 64 }[0..<48]
                passes.evaluate(
                    observations: InputRows(floats: observations).gathering(width: 3, rows: indices),
                    actions: indices.map { input.batch.actions[$0] }, indices: indices, at: theta)
                let weights = (0..<48).map { Double($0 % 7) / 48 - 0.05 }
                results.append(passes.descent(logProbabilityWeights: weights, entropyWeight: 0.01))
            }
            #expect(relativeError(results[1].0, results[0].0) < 1e-5, "clipped \(clipped)")
            #expect(abs((results[1].1 ?? 0) - (results[0].1 ?? 1)) < 1e-9)
        }
    }

    /// With no advantages the step follows c_vf·∇ of V's mean squared error alone: Adam's first
    /// step moves each coordinate against the sign of that gradient (central differences on the
    /// Double reference, |∂| > 1e-3), the policy head's weights not at all, and the reported loss
    /// is that error.
    @Test(arguments: [false, true]) func criticLossMovesTheTrunkAndTheValueHead(onePass: Bool) {
        let (old, new, metrics, returns, observations) = jointStep(advantageScale: 0, valueCoefficient: 0.5, onePass: onePass)
        func meanSquaredError(_ theta: [Double]) -> Double {
            let outputs = ReferenceMLP.forward(Self.base, theta, observations.map(Double.init), rows: returns.count)
            let errors = returns.indices.map { outputs[$0 * 3 + 2] - returns[$0] }
            return errors.reduce(0) { $0 + $1 * $1 } / Double(returns.count)
        }
        let gradient = centralDifferenceGradient(of: meanSquaredError, at: old.map(Double.init), step: 1e-6)
        let significant = gradient.indices.filter { abs(gradient[$0]) > 1e-3 }
        #expect(significant.count > 20)
        for index in significant { #expect((new[index] - old[index]) * Float(gradient[index]) < 0, "coordinate \(index)") }
        #expect(Self.outputWeights(new, column: 0) == Self.outputWeights(old, column: 0))
        #expect(Self.outputWeights(new, column: 1) == Self.outputWeights(old, column: 1))
        #expect(Self.outputWeights(new, column: 2) != Self.outputWeights(old, column: 2))
        #expect(abs((metrics.criticLoss ?? 0) - meanSquaredError(old.map(Double.init))) < 1e-4)
    }

    /// With c_vf = 0 the value head's weights stay, while the policy's loss moves the trunk and
    /// the logits' weights.
    @Test(arguments: [false, true]) func policyLossLeavesTheValueHead(onePass: Bool) {
        let (old, new, metrics, _, _) = jointStep(advantageScale: 1, valueCoefficient: 0, onePass: onePass)
        #expect(Self.outputWeights(new, column: 2) == Self.outputWeights(old, column: 2))
        #expect(Self.outputWeights(new, column: 0) != Self.outputWeights(old, column: 0))
        #expect(Array(new[0..<24]) != Array(old[0..<24]), "the hidden layer moves")
        #expect(metrics.criticLoss != nil)
    }

    /// A PPO run on CartPole-v1 with the heads on one trunk, after `iterations` iterations.
    func trainer(algorithm: Algorithm, threads: Int, iterations: Int = 3) throws -> (OnPolicyTrainer, initial: [Float]) {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: algorithm)
        for (key, value) in [("n_envs", 2), ("n_steps", 64), ("n_epochs", 4), ("batch_size", 32)] {
            try configuration.set(key, to: .integer(value))
        }
        try configuration.set("share_features_extractor", to: .bool(true))
        let base = MLP(inputWidth: 4, hiddenWidths: [16], outputWidth: 3, activation: .tanh)
        let environment = try VectorEnvironment(id: "CartPole-v1", count: 2)
        let trainer = try OnPolicyTrainer(
            environment: environment, configuration: configuration,
            policyNetwork: OutputColumns(base: base, columns: 0..<2, otherColumnsGain: 1),
            valueNetwork: OutputColumns(base: base, columns: 2..<3, otherColumnsGain: 0.01), seed: 3, threads: threads)
        let initial = trainer.policyParameters
        for _ in 0..<iterations {
            let metrics = try trainer.runIteration()
            #expect(metrics.valueLoss.isFinite && metrics.valueLoss > 0)
        }
        return (trainer, initial)
    }

    /// One θ throughout: π's and V's parameters stay the same vector; every part of it moves; the
    /// bits do not depend on the thread count. TRPO's rule leaves V alone, so its critic is fitted
    /// on the shared θ after the step (SB3-contrib's TRPO on a CnnPolicy), moving the trunk too.
    @Test(arguments: [Algorithm.ppo, .trpo]) func oneParameterVectorForBothHeads(algorithm: Algorithm) throws {
        let (serial, initial) = try trainer(algorithm: algorithm, threads: 1)
        let (parallel, _) = try trainer(algorithm: algorithm, threads: 2)
        #expect(serial.policyParameters == serial.valueParameters)
        #expect(parallel.policyParameters == serial.policyParameters)
        #expect(parallel.updateStream == serial.updateStream)
        let outputOffset = 4 * 16 + 16
        #expect(Array(serial.policyParameters[0..<outputOffset]) != Array(initial[0..<outputOffset]))
        for column in 0..<3 {
            let weights = { (theta: [Float]) in (0..<16).map { theta[outputOffset + $0 * 3 + column] } }
            #expect(weights(serial.policyParameters) != weights(initial), "column \(column)")
        }
    }

    /// A run restored from its state after two iterations continues as the uninterrupted run.
    @Test func restoredRunContinuesExactly() throws {
        let (uninterrupted, _) = try trainer(algorithm: .ppo, threads: 1)
        let (stopped, _) = try trainer(algorithm: .ppo, threads: 1, iterations: 2)
        let (resumed, _) = try trainer(algorithm: .ppo, threads: 1, iterations: 0)
        try resumed.restore(try stopped.state())
        _ = try resumed.runIteration()
        #expect(resumed.policyParameters == uninterrupted.policyParameters)
        #expect(resumed.valueParameters == uninterrupted.valueParameters)
        #expect(resumed.updateStream == uninterrupted.updateStream)
    }

    /// Sharing needs two heads over one θ: the trainer's separate MLPs are refused with a message.
    @Test func separateNetworksAreRefused() throws {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .ppo)
        try configuration.set("share_features_extractor", to: .bool(true))
        let environment = try VectorEnvironment(id: "CartPole-v1", count: 2)
        #expect(throws: ConfigurationError.self) {
            _ = try OnPolicyTrainer(environment: environment, configuration: configuration, seed: 0)
        }
        #expect(throws: ConfigurationError.self) {
            _ = try Agent(environment: "CartPole-v1", algorithm: .ppo, configuration: configuration)
        }
    }
}
