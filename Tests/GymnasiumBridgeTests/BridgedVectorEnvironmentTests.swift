import DenseLinearAlgebra
import Environments
import Foundation
import Testing
import _TestSupport

@testable import GymnasiumBridge

/// Steps `environment` with `steps` vector steps of actions drawn from a fixed stream and returns
/// everything it gave, for comparing two vector environments transition for transition.
private func trace(_ environment: any VectorEnvironmentProtocol, seed: UInt64, steps: Int) throws -> [VectorStepResult] {
    var stream = RandomStream(seed: 42)
    var results = [VectorStepResult]()
    let first = try environment.reset(seed: seed)
    results.append(
        VectorStepResult(
            observations: first, observationDimension: environment.observationSpace.dimension, rewards: [],
            terminated: [], truncated: [], finalObservations: []))
    for _ in 0..<steps {
        let actions = (0..<environment.count).map { _ in environment.actionSpace.sample(using: &stream) }
        results.append(try environment.step(actions))
    }
    return results
}

@Suite("Gymnasium bridge", .enabled(if: TestPython.isAvailable, Comment(rawValue: TestPython.skipReason)))
struct BridgedVectorEnvironmentTests {
    let python = TestPython.interpreter ?? "python3"

    @Test(arguments: ["CartPole-v1", "Pendulum-v1", "MountainCarContinuous-v0", "Acrobot-v1"])
    func registeredIdEqualsTheBuiltInEnvironmentBitForBit(id: String) throws {
        // 5 copies in 2 workers (3 + 2): seeds s+i whatever the grouping, same-step auto-reset.
        let bridged = try BridgedVectorEnvironment(target: id, count: 5, workers: 2, interpreter: python)
        let builtIn = try VectorEnvironment(id: id, count: 5)
        #expect(bridged.observationSpace == builtIn.observationSpace)
        #expect(bridged.actionSpace == builtIn.actionSpace)
        let steps = 700
        #expect(try trace(bridged, seed: 7, steps: steps) == trace(builtIn, seed: 7, steps: steps))
        #expect(bridged.takeCompletedEpisodes() == builtIn.takeCompletedEpisodes())
    }

    @Test func workerCountDoesNotChangeResultsAndUnseededResetsContinue() throws {
        let one = try BridgedVectorEnvironment(target: "CartPole-v1", count: 4, workers: 1, interpreter: python)
        let four = try BridgedVectorEnvironment(target: "CartPole-v1", count: 4, workers: 4, interpreter: python)
        #expect(four.groups.count == 4)
        #expect(try trace(one, seed: 3, steps: 50) == trace(four, seed: 3, steps: 50))
        #expect(try one.reset(seed: nil) == four.reset(seed: nil))
    }

    @Test func snapshotRestoresThePythonEnvironmentsExactly() throws {
        let environment = try BridgedVectorEnvironment(target: "Pendulum-v1", count: 3, workers: 2, interpreter: python)
        _ = try trace(environment, seed: 11, steps: 37)
        _ = environment.takeCompletedEpisodes()
        let snapshot = try environment.vectorSnapshot()
        var stream = RandomStream(seed: 5)
        let actions = (0..<30).map { _ in (0..<3).map { _ in environment.actionSpace.sample(using: &stream) } }
        let reference = try actions.map { try environment.step($0) }
        let other = try BridgedVectorEnvironment(target: "Pendulum-v1", count: 3, workers: 2, interpreter: python)
        _ = try other.reset(seed: 999)
        try other.restore(snapshot)
        #expect(try actions.map { try other.step($0) } == reference)
    }

    @Test func errorsNameTheCause() throws {
        #expect {
            try BridgedVectorEnvironment(target: "CartPole-v1", count: 1, interpreter: "/nonexistent/python3")
        } throws: { error in
            guard case BridgeError.pythonNotFound = error else { return false }
            return "\(error)".contains("--python PATH or TRPO_PYTHON")
        }
        #expect {
            try BridgedVectorEnvironment(target: "NoSuchEnvironment-v0", count: 1, interpreter: python)
        } throws: { error in
            guard case BridgeError.unknownEnvironment = error else { return false }
            return "\(error)".contains("NoSuchEnvironment")
        }
        #expect {
            try BridgedVectorEnvironment(target: "no_such_module_xyz:Env", count: 1, interpreter: python)
        } throws: { error in
            guard case BridgeError.moduleNotFound = error else { return false }
            return "\(error)".contains("no_such_module_xyz")
        }
        let environment = try BridgedVectorEnvironment(target: "CartPole-v1", count: 2, interpreter: python)
        _ = try environment.reset(seed: 0)
        #expect(throws: EnvironmentError.discreteActionOutOfRange(value: 2, count: 2)) {
            try environment.step([.discrete(0), .discrete(2)])
        }
    }
}
