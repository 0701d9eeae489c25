import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Testing
@testable import Rollouts

@Suite struct JointActingTests {
    /// When π and V are heads of one network read at one θ, a rollout runs that network once a
    /// step (`JointActing`) and records what the heads give apart, bit for bit: the same actions,
    /// log-probabilities, logits, values and random draws as a sampler whose critic reads θ with a
    /// trailing entry it ignores (the same function, so it acts with the heads apart).
    @Test func oneForwardPassGivesTheHeadsApart() throws {
        let base = try ConvolutionalNetwork(
            inputHeight: 6, inputWidth: 5, inputChannels: 2,
            hiddenLayers: [.convolution(filters: 3, kernel: 3, stride: 1), .dense(width: 6)], outputWidth: 4)
        let policy = Policy(
            network: OutputColumns(base: base, columns: 0..<3, otherColumnsGain: 1),
            distribution: ActionDistributions.distribution(for: .discrete(count: 3)))
        let sharedCritic = OutputColumns(base: base, columns: 3..<4, otherColumnsGain: 0.01)
        let apartCritic = OutputColumns(base: base, columns: 3..<4, otherColumnsGain: 0.01, trailingParameters: 1)
        var initial = RandomStream(seed: 5)
        // Larger than SB3's 0.01 gain so that the logits differ enough to vary the actions.
        let theta = base.initialParameters(columnGains: [1, 1, 1, 1], stream: &initial)
        let runs: [(sampler: SinglePathSampler, buffer: RolloutBuffer, stream: RandomStream)] = try [
            (sharedCritic, theta), (apartCritic, theta + [0]),
        ].map { critic, phi in
            let environment = try VectorEnvironment(count: 3) { BytePixelWalk() }
            let sampler = try SinglePathSampler(environment: environment, policy: policy, critic: critic, seed: 4)
            var stream = RandomStream(seed: 9)
            var rolloutSet: VineRolloutSet?
            let buffer = try sampler.collect(
                steps: 7, policy: policy, parameters: theta, critic: critic, criticParameters: phi, discount: 0.99,
                stream: &stream, rolloutSet: &rolloutSet, episodes: { _ in })
            return (sampler, buffer, stream)
        }
        var (joint, apart) = (runs[0], runs[1])
        // Both know the heads; only the sampler whose π and V read one θ acted through them.
        #expect(joint.sampler.jointActing?.evaluator.rows == 3)
        #expect(apart.sampler.jointActing?.evaluator.rows == 0)
        #expect(joint.buffer.actions == apart.buffer.actions)
        #expect(joint.buffer.logProbabilities == apart.buffer.logProbabilities)
        #expect(joint.buffer.policyOutputs == apart.buffer.policyOutputs)
        #expect(joint.buffer.values == apart.buffer.values && joint.buffer.finalValues == apart.buffer.finalValues)
        #expect(joint.stream.nextUInt64() == apart.stream.nextUInt64())
        #expect(Set(joint.buffer.actions).count > 1, "the policy acts, not a constant")
        #expect(Set(joint.buffer.values).count > 1, "V varies with the state")
    }
}
