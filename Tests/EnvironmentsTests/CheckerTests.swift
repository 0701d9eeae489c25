import Environments
import Testing

@Suite("Environment checker")
struct CheckerTests {
    @Test(arguments: [CartPole.id, Pendulum.id, Acrobot.id, MountainCar.id, MountainCarContinuous.id])
    func builtInEnvironmentsPass(id: String) throws {
        try checkEnvironment(makeEnvironment(id), seed: 3, steps: 300)
    }

    @Test func aWellBehavedUserEnvironmentPasses() {
        #expect(environmentProblems(FaultyEnvironment()).isEmpty)
    }

    private func kinds(_ configure: (FaultyEnvironment) -> Void) -> Set<EnvironmentProblem.Kind> {
        let environment = FaultyEnvironment()
        configure(environment)
        return Set(environmentProblems(environment, steps: 100).map(\.kind))
    }

    @Test func eachBrokenContractIsReported() throws {
        #expect(kinds { $0.wrongShape = true }.contains(.observationShape))
        #expect(kinds { $0.outOfBounds = true } == [.observationOutOfBounds])
        #expect(kinds { $0.infiniteReward = true } == [.nonFiniteValue])
        #expect(kinds { $0.ignoresSeed = true }.contains(.notReproducible))
        #expect(kinds { $0.forgetsStateInSnapshot = true } == [.snapshotMismatch])
        #expect(kinds { $0.observationSpace = .box(low: [1, 1], high: [0, 0]) } == [.malformedSpace])
        let failure = #expect(throws: EnvironmentCheckFailure.self) {
            let environment = FaultyEnvironment()
            environment.infiniteReward = true
            try checkEnvironment(environment, steps: 10)
        }
        #expect(failure?.description.contains("reward is inf") == true)
    }

    @Test func nanObservationsAreReported() {
        #expect(environmentProblems(ExplodingEnvironment(nanAtStep: 3)).map(\.kind).contains(.nonFiniteValue))
    }
}
