import Environments
import Testing
import _TestSupport

@Suite("Environment checker")
struct CheckerTests {
    /// Each built-in environment has no problem, and the check is not vacuous: it stepped the
    /// environment at least 300 times over several resets, took and restored snapshots, and it
    /// reports the same environment as not reproducible once its reset drops the seed.
    @Test(arguments: [CartPole.id, Pendulum.id, Acrobot.id, MountainCar.id, MountainCarContinuous.id])
    func builtInEnvironmentsPass(id: String) throws {
        let environment = CountingEnvironment(try makeEnvironment(id))
        let problems = environmentProblems(environment, seed: 3, steps: 300)
        #expect(problems.isEmpty, "\(problems)")
        #expect(environment.steps >= 300 && environment.resets >= 2, "\(environment.steps) steps, \(environment.resets) resets")
        #expect(environment.snapshots >= 1 && environment.restores >= 1)
        let careless = CountingEnvironment(try makeEnvironment(id))
        careless.dropsSeeds = true
        #expect(environmentProblems(careless, seed: 3, steps: 300).map(\.kind).contains(.notReproducible))
    }

    /// The test targets' toy environments honour the contract too (with and without time limits).
    @Test(arguments: [ToyEnvironments.banditID, ToyEnvironments.targetID, ToyEnvironments.cycleID])
    func toyEnvironmentsPass(id: String) throws {
        let problems = environmentProblems(try ToyEnvironments.registry().make(id), seed: 3, steps: 100)
        #expect(problems.isEmpty, "\(problems)")
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
