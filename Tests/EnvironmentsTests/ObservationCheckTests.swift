import Environments
import Testing

/// `checkObservation` (a vectorized scan) rejects exactly the non-finite coordinates, wherever they sit.
@Suite struct ObservationCheckTests {
    @Test func rejectsNaNAndInfinitiesAcceptsEveryFiniteValue() throws {
        let environment = CartPole()
        let finite: [Float] = [0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        try environment.checkObservation(finite, name: "finite")
        for bad: Float in [.nan, -.nan, .infinity, -.infinity, .signalingNaN] {
            for position in 0..<4 {
                var observation = finite
                observation[position] = bad
                #expect(throws: EnvironmentError.self, "\(bad) at \(position)") {
                    try environment.checkObservation(observation, name: "bad")
                }
            }
        }
        #expect(throws: EnvironmentError.self) { try environment.checkObservation([0, 0, 0], name: "short") }
        // A long observation (an Atari stack's length): a bad value anywhere in the vector body or its tail.
        let wide = WideEnvironment(dimension: 28_227)
        var long = [Float](repeating: 255, count: wide.dimension)
        try wide.checkObservation(long, name: "long")
        for position in [0, 17, 14_000, 28_223, 28_226] {
            long[position] = position % 2 == 0 ? .infinity : .nan
            #expect(throws: EnvironmentError.self, "at \(position)") { try wide.checkObservation(long, name: "long") }
            long[position] = 255
        }
    }
}

/// An environment of many coordinates, only for its observation space.
private final class WideEnvironment: Environment {
    let dimension: Int
    let observationSpace: Space
    let actionSpace = Space.discrete(count: 1)

    init(dimension: Int) {
        self.dimension = dimension
        observationSpace = .box(low: [Float](repeating: 0, count: dimension), high: [Float](repeating: 255, count: dimension))
    }

    func reset(seed: UInt64?) throws -> [Float] { [Float](repeating: 0, count: dimension) }
    func step(_ action: Action) throws -> StepResult {
        StepResult(observation: try reset(seed: nil), reward: 0, terminated: false, truncated: false)
    }
    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: []) }
    func restore(_ snapshot: EnvironmentSnapshot) throws {}
}
