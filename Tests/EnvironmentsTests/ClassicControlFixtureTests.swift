import Environments
import Testing
import _TestSupport

/// Per environment: the tolerance on observations and rewards against Gymnasium 1.4.0 / NumPy 2.4.6.
///
/// CartPole, Pendulum, Acrobot and MountainCar compute in float64 (Pendulum with float32 torque
/// terms we reproduce exactly): 1e-6 absolute, as the issue states. MountainCarContinuous re-stores
/// its state in float32 every step and mixes float32 arithmetic (NEP 50), all reproduced: exact.
/// Reset states come from the same PCG64 bits and formula: exact for every environment.
private let tolerance: [String: Double] = [
    CartPole.id: 1e-6, Pendulum.id: 1e-6, Acrobot.id: 1e-6, MountainCar.id: 1e-6, MountainCarContinuous.id: 0,
]

private func bareEnvironment(_ id: String) throws -> (any Environment, () -> [Double]) {
    switch id {
    case CartPole.id:
        let environment = CartPole()
        return (environment, { environment.state })
    case Pendulum.id:
        let environment = Pendulum()
        return (environment, { environment.state })
    case Acrobot.id:
        let environment = Acrobot()
        return (environment, { environment.state })
    case MountainCar.id:
        let environment = MountainCar()
        return (environment, { environment.state })
    default:
        let environment = MountainCarContinuous()
        return (environment, { environment.state })
    }
}

@Suite("Classic control against Gymnasium traces")
struct ClassicControlFixtureTests {
    @Test(arguments: [CartPole.id, Pendulum.id, Acrobot.id, MountainCar.id, MountainCarContinuous.id])
    func matchesGymnasiumTransitionForTransition(id: String) throws {
        let fixture = try loadFixture("\(id).json", as: ClassicControlFixture.self)
        let limit = try #require(tolerance[id])
        for run in fixture.runs {
            let (bare, state) = try bareEnvironment(id)
            let maxSteps = try #require(EnvironmentRegistry.shared.specification(for: id)?.maxEpisodeSteps)
            let environment = try TimeLimit(bare, maxEpisodeSteps: maxSteps)
            let context = "\(id) seed \(run.seed) (\(run.policy))"
            #expect(try environment.reset(seed: run.seed) == float32(run.resetObservation), "\(context) reset")
            #expect(state() == run.resetState, "\(context) reset state is bit-exact")
            var resets = run.resets[...]
            for step in run.actions.indices {
                let result = try environment.step(run.actions[step].action)
                let difference = maximumAbsoluteDifference(result.observation, float32(run.observations[step]))
                #expect(difference <= limit, "\(context) step \(step) observation off by \(difference)")
                #expect(abs(result.reward - run.rewards[step]) <= limit, "\(context) step \(step) reward")
                #expect(result.terminated == run.terminated[step], "\(context) step \(step) terminated")
                #expect(result.truncated == run.truncated[step], "\(context) step \(step) truncated")
                if result.terminated || result.truncated {
                    let next = resets.popFirst()
                    let expected = try #require(next, "\(context): an unexpected episode end at \(step)")
                    #expect(expected.step == step)
                    #expect(try environment.reset(seed: nil) == float32(expected.observation), "\(context) auto-reset")
                    #expect(state() == expected.state, "\(context) unseeded reset continues the stream exactly")
                }
            }
            #expect(resets.isEmpty, "\(context): Gymnasium had more episode ends")
        }
    }

    /// Stronger than the 1e-6 contract: with glibc's libm (which NumPy's float64 sin, cos and pow
    /// call on x86-64 without AVX-512), same operation order gives the same bits. Guards the traps
    /// (operation order, `x**2` as `pow`, float32 terms) that a tolerance would hide.
    @Test(arguments: [CartPole.id, Pendulum.id, Acrobot.id, MountainCar.id])
    func float64EnvironmentsAreBitExactWithGlibc(id: String) throws {
        let fixture = try loadFixture("\(id).json", as: ClassicControlFixture.self)
        var mismatches = 0
        for run in fixture.runs {
            let environment = try makeEnvironment(id)
            _ = try environment.reset(seed: run.seed)
            for step in run.actions.indices {
                let result = try environment.step(run.actions[step].action)
                if result.observation != float32(run.observations[step]) || result.reward != run.rewards[step] {
                    mismatches += 1
                }
                if result.terminated || result.truncated { _ = try environment.reset(seed: nil) }
            }
        }
        #expect(mismatches == 0, "\(id): \(mismatches) transitions differ in the last bit")
    }
}
