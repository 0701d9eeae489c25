import Environments
import Testing

@testable import DistributedTraining

/// A copy declaring byte observations (a 1 × 2 × 2 image of pixels 0…255).
final class TinyByteScreen: Environment, ByteObservationEnvironment {
    let observationLayout = ObservationLayout(shape: [1, 2, 2], elementType: .uint8)
    var observationSpace: Space { observationLayout.box(low: 0, high: 255) }
    let actionSpace = Space.discrete(count: 2)

    func resetBytes(seed: UInt64?) throws -> [UInt8] { [0, 1, 2, 255] }
    func stepBytes(_ action: Action) throws -> ByteStepResult {
        ByteStepResult(observation: [3, 4, 5, 6], reward: 0, terminated: false, truncated: false)
    }
    func reset(seed: UInt64?) throws -> [Float] { try resetBytes(seed: seed).map(Float.init) }
    func step(_ action: Action) throws -> StepResult { try stepBytes(action).floatResult }
    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot() }
    func restore(_ snapshot: EnvironmentSnapshot) throws {}
}

@Suite struct DistributedObservationLayoutTests {
    /// Every participant sees the copies' byte layout (so each stores its rollouts as bytes), and
    /// a vector environment of copies without one declares none.
    @Test(arguments: [1, 2])
    func participantsSeeTheCopiesLayout(size: Int) throws {
        let layouts = try ThreadedWorld(size: size).run { communicator -> ObservationLayout? in
            let environment = try DistributedVectorEnvironment(count: 2, communicator: communicator) { count in
                try VectorEnvironment(count: count) { TinyByteScreen() }
            }
            return environment.observationLayout
        }
        #expect(layouts == [ObservationLayout](repeating: ObservationLayout(shape: [1, 2, 2], elementType: .uint8), count: size))
        let floats = try VectorEnvironment(count: 2) { ThreeStepEpisodes() }
        #expect(floats.observationLayout == nil)
    }
}
