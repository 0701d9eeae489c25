import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import Testing
@testable import Rollouts

/// A 2 × 6 × 5 frame stack of pixels 0…255 that walk with the actions (the frame before the last
/// step, then the current one; after a reset the current frame twice); `bytes` says whether it
/// declares its observations as bytes (`ByteObservationEnvironment`) or is a plain `Environment`
/// with the same `Float` observations.
class PixelWalk: Environment {
    var position: UInt64 = 0
    var previous: UInt64 = 0
    var steps = 0
    var observationSpace: Space { ObservationLayout(shape: [2, 6, 5], elementType: .uint8).box(low: 0, high: 255) }
    var actionSpace: Space { .discrete(count: 3) }
    var typicalStepNanoseconds: Double { 100 }

    func pixels() -> [UInt8] {
        [previous, position].flatMap { at in (0..<30).map { UInt8(truncatingIfNeeded: (UInt64($0) &* 37 &+ at &* 101) % 256) } }
    }
    func reset(seed: UInt64?) throws -> [Float] {
        (position, steps) = (seed ?? position, 0)
        previous = position
        return pixels().map(Float.init)
    }
    func step(_ action: Action) throws -> StepResult {
        guard case .discrete(let choice) = action else { throw EnvironmentError.invalidConfiguration("discrete actions") }
        previous = position
        position = position &+ UInt64(choice) &+ 1
        steps += 1
        return StepResult(observation: pixels().map(Float.init), reward: Double(choice), terminated: steps == 5, truncated: false)
    }
    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: [position, UInt64(steps), previous]) }
    func restore(_ snapshot: EnvironmentSnapshot) throws {
        (position, steps, previous) = (snapshot.integers[0], Int(snapshot.integers[1]), snapshot.integers[2])
    }
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
    /// Byte observations are stored as bytes in shared planes, and a rollout of a convolutional
    /// policy on them is the rollout on the same observations stored as `Float`s: the same rows,
    /// actions, log-probabilities and values, bit for bit, each step storing one new 30-byte frame
    /// and two 4-byte plane numbers (38 bytes a row against 240 as `Float`s).
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
        #expect(bytes.observations.sharesPlanes)
        #expect(bytes.observations.storageByteCount == 21 * (30 + 2 * 4))
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

    /// A rollout buffer made for the stack's layout stores each copy's new frame once: 7,072
    /// bytes a step (one 7,056-byte frame, four plane numbers) after each copy's first, so the
    /// paper's 100k-step batch holds 0.71 GB of observations instead of 2.8 GB.
    @Test func atariStackStoresEachFrameOnce() {
        let layout = ObservationLayout(shape: [4, 84, 84], elementType: .uint8)
        let (copies, steps, plane) = (8, 4, 84 * 84)
        var buffer = RolloutBuffer(
            steps: steps, copies: copies, observationWidth: layout.count, actionWidth: 1, outputWidth: 6,
            observationLayout: layout)
        var stream = RandomStream(seed: 2)
        // Each copy's stack after a reset is zeros and its first frame (SB3's VecFrameStack).
        var stacks = (0..<copies).map { _ in [UInt8](repeating: 0, count: layout.count) }
        var all: [UInt8] = []
        for _ in 0..<steps {
            for copy in 0..<copies {
                stacks[copy] = Array(stacks[copy].dropFirst(plane)) + (0..<plane).map { _ in UInt8(stream.nextInt(below: 256)) }
            }
            let step = stacks.flatMap { $0 }
            all += step
            let appended = buffer.observations.append(contentsOf: step.map(Float.init))
            #expect(appended)
        }
        #expect(buffer.observations.sharesPlanes && buffer.observations == InputRows(bytes: all))
        // The first step: a zero plane and a frame per copy; then one frame per copy and step.
        let expected = copies * (2 * plane + 16) + (steps - 1) * copies * (plane + 16)
        #expect(buffer.observations.storageByteCount == expected)
        #expect(buffer.observationBytesPerRow == expected / (copies * steps))
        let firstStep = copies * (2 * plane + 16)
        #expect((buffer.observations.storageByteCount - firstStep) / ((steps - 1) * copies) == 7_072)
    }
}
