import Environments
import Testing
import _TestSupport

/// Single Gymnasium steps from hand-set states (`edge_cases.json`).
private struct EdgeCaseFixture: Decodable {
    struct Case: Decodable {
        var id: String
        var state: [Double]
        var stateIsFloat32: Bool
        var action: FixtureAction
        var observation: [Double]
        var reward: Double
        var terminated: Bool
        var nextState: [Double]?
    }

    var cases: [Case]
}

@Suite("Edge cases against Gymnasium: clips, walls, float32 vs float64 state, angle wrap")
struct EdgeCaseTests {
    /// Puts `state` into a fresh environment through a crafted snapshot (reset flag set).
    private func environment(for testCase: EdgeCaseFixture.Case) throws -> any Environment {
        let words = EpisodeRandomness().snapshotWords
        if testCase.id == MountainCarContinuous.id {
            let environment = MountainCarContinuous()
            try environment.restore(
                EnvironmentSnapshot(reals: testCase.state, integers: words + [1, testCase.stateIsFloat32 ? 1 : 0]))
            return environment
        }
        let environment = Acrobot()
        try environment.restore(EnvironmentSnapshot(reals: testCase.state, integers: words + [1]))
        return environment
    }

    /// MountainCarContinuous: exact (float32 state and NEP 50 float32 arithmetic reproduced).
    /// Acrobot: 1e-6 absolute (float64 dynamics), also on the float64 state after the step.
    @Test func singleStepsMatchGymnasium() throws {
        let fixture = try loadFixture("edge_cases.json", as: EdgeCaseFixture.self)
        #expect(fixture.cases.count > 60)
        for (index, testCase) in fixture.cases.enumerated() {
            let environment = try environment(for: testCase)
            let result = try environment.step(testCase.action.action)
            let context = "case \(index) (\(testCase.id), state \(testCase.state))"
            #expect(result.terminated == testCase.terminated, "\(context)")
            if testCase.id == MountainCarContinuous.id {
                #expect(result.observation == float32(testCase.observation), "\(context)")
                #expect(result.reward == testCase.reward, "\(context)")
            } else {
                #expect(
                    maximumAbsoluteDifference(result.observation, float32(testCase.observation)) <= 1e-6, "\(context)")
                #expect(result.reward == testCase.reward, "\(context)")
                let nextState = try #require(testCase.nextState)
                #expect(
                    maximumAbsoluteDifference((environment as? Acrobot)?.state ?? [], nextState) <= 1e-6, "\(context)")
            }
        }
    }

    @Test func pendulumAngleNormalizeIsAFloorMod() {
        // Python: ((x + π) % (2π)) − π takes the divisor's sign; a truncating remainder would not.
        #expect(abs(Pendulum.angleNormalize(-4) - (2 * Double.pi - 4)) < 1e-15)
        #expect(abs(Pendulum.angleNormalize(4) - (4 - 2 * Double.pi)) < 1e-15)
        #expect(Pendulum.angleNormalize(-Double.pi) == -Double.pi)
        #expect(abs(Pendulum.angleNormalize(-7 * Double.pi + 0.25) - (-Double.pi + 0.25)) < 1e-13)
    }
}
