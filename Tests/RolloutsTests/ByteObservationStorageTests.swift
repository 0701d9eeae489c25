import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Testing
@testable import Rollouts

/// A 2 × 6 × 5 "frame stack" of pixels 0…255 that walk with the actions; `bytes` says whether it
/// declares its observations as bytes (`ByteObservationEnvironment`) or is a plain `Environment`
/// with the same `Float` observations.
class PixelWalk: Environment {
    var position: UInt64 = 0
    var steps = 0
    var observationSpace: Space { ObservationLayout(shape: [2, 6, 5], elementType: .uint8).box(low: 0, high: 255) }
    var actionSpace: Space { .discrete(count: 3) }
    var typicalStepNanoseconds: Double { 100 }

    func pixels() -> [UInt8] { (0..<60).map { UInt8(truncatingIfNeeded: (UInt64($0) &* 37 &+ position &* 101) % 256) } }
    func reset(seed: UInt64?) throws -> [Float] {
        (position, steps) = (seed ?? position, 0)
        return pixels().map(Float.init)
    }
    func step(_ action: Action) throws -> StepResult {
        guard case .discrete(let choice) = action else { throw EnvironmentError.invalidConfiguration("discrete actions") }
        position = position &+ UInt64(choice) &+ 1
        steps += 1
        return StepResult(observation: pixels().map(Float.init), reward: Double(choice), terminated: steps == 5, truncated: false)
    }
    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: [position, UInt64(steps)]) }
    func restore(_ snapshot: EnvironmentSnapshot) throws { (position, steps) = (snapshot.integers[0], Int(snapshot.integers[1])) }
}

/// The same environment declaring its observations as bytes.
final class BytePixelWalk: PixelWalk, ByteObservationEnvironment {
    var observationLayout: ObservationLayout { ObservationLayout(shape: [2, 6, 5], elementType: .uint8) }
    func resetBytes(seed: UInt64?) throws -> [UInt8] { try reset(seed: seed).map { UInt8($0) } }
    func stepBytes(_ action: Action) throws -> ByteStepResult {
        let result = try step(action)
        return ByteStepResult(
            observation: result.observation.map { UInt8($0) }, reward: result.reward, terminated: result.terminated,
            truncated: result.truncated)
    }
}

@Suite struct ByteObservationStorageTests {
    /// Byte observations are stored as bytes, and a rollout of a convolutional policy on them is
    /// the rollout on the same observations stored as `Float`s: the same rows, actions,
    /// log-probabilities and values, bit for bit, in a quarter of the memory.
    @Test func byteStorageRecordsTheFloatRollout() throws {
        let network = try ConvolutionalNetwork(
            inputHeight: 6, inputWidth: 5, inputChannels: 2, hiddenLayers: [.convolution(filters: 3, kernel: 3, stride: 1), .dense(width: 6)],
            outputWidth: 3)
        let critic = try ConvolutionalNetwork(
            inputHeight: 6, inputWidth: 5, inputChannels: 2, hiddenLayers: [.convolution(filters: 2, kernel: 2, stride: 1)],
            outputWidth: 1)
        let policy = Policy(network: network, distribution: ActionDistributions.distribution(for: .discrete(count: 3)))
        var initial = RandomStream(seed: 1)
        let theta = policy.initialParameters(stream: &initial)
        let phi = critic.initialParameters(outputGain: 1, stream: &initial)
        let buffers = try [false, true].map { bytes in
            let environment = try VectorEnvironment(count: 3) { bytes ? BytePixelWalk() : PixelWalk() }
            #expect(InputRows.Storage(observationLayout: environment.observationLayout) == (bytes ? .uint8 : .float32))
            let sampler = try SinglePathSampler(environment: environment, policy: policy, critic: critic, seed: 4)
            var stream = RandomStream(seed: 9)
            var rolloutSet: VineRolloutSet?
            return try sampler.collect(
                steps: 7, policy: policy, parameters: theta, critic: critic, criticParameters: phi, discount: 0.99,
                stream: &stream, rolloutSet: &rolloutSet, episodes: { _ in })
        }
        let (floats, bytes) = (buffers[0], buffers[1])
        #expect(floats.observations.storage == .float32 && bytes.observations.storage == .uint8)
        #expect(Array(bytes.observations) == floats.observations.floats)
        #expect(bytes.actions == floats.actions)
        #expect(bytes.logProbabilities == floats.logProbabilities)
        #expect(bytes.values == floats.values && bytes.finalValues == floats.finalValues)
        #expect(Set(bytes.actions).count > 1, "the policy acts, not a constant")
        #expect(bytes.observations.storageByteCount == 21 * 60)
        #expect(floats.observations.storageByteCount == 21 * 60 * 4)
    }

    /// The bytes one stored step of the Atari training stack (4 × 84 × 84) takes: 28,224, a
    /// quarter of the 112,896 of `Float`s, so the paper's 100k-step batch holds 2.8 GB of
    /// observations instead of 11.3 GB.
    @Test func atariStackTakesOneBytePerPixel() {
        let layout = ObservationLayout(shape: [4, 84, 84], elementType: .uint8)
        let copies = 8
        var buffer = RolloutBuffer(
            steps: 1, copies: copies, observationWidth: layout.count, actionWidth: 1, outputWidth: 6,
            observationStorage: InputRows.Storage(observationLayout: layout))
        let frame = (0..<(copies * layout.count)).map { Float($0 % 256) }
        let appended = buffer.observations.append(contentsOf: frame)
        #expect(appended)
        #expect(buffer.observationBytesPerRow == 28_224)
        #expect(buffer.observations.storageByteCount == copies * 28_224)
        #expect(buffer.observations.storageByteCount * 100_000 / copies == 2_822_400_000)
        let floatBuffer = RolloutBuffer(
            steps: 1, copies: copies, observationWidth: layout.count, actionWidth: 1, outputWidth: 6,
            observationStorage: InputRows.Storage(observationLayout: ObservationLayout(shape: [4, 84, 84], elementType: .float32)))
        #expect(floatBuffer.observationBytesPerRow == 112_896)
    }
}
