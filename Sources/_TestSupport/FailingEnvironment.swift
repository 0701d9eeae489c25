import Environments
import Foundation

/// CartPole that turns faulty at a chosen step: a NaN observation, an infinite reward, or an
/// error thrown from `step` — to test that training reports the environment, copy and step and
/// keeps its last checkpoint intact.
///
/// Steps are counted over the instance's whole life (all episodes), and the count is part of the
/// snapshot, so a resumed run fails at the same step as an uninterrupted one.
public final class FailingEnvironment: Environment {
    /// What goes wrong.
    public enum Fault: String, Sendable, CaseIterable {
        /// The observation's first coordinate is NaN.
        case nanObservation
        /// The reward is +∞.
        case infiniteReward
        /// `step` throws ``InjectedFault``.
        case throwsError
    }

    /// The error `step` throws for ``Fault/throwsError``.
    public struct InjectedFault: Error, CustomStringConvertible {
        /// The step at which it was thrown.
        public let step: Int
        public var description: String { "injected fault at step \(step) of the environment's life" }
    }

    private let wrapped = CartPole()
    /// The 1-based step (over the instance's life) that fails; `nil` never fails.
    public let failingStep: Int?
    /// What goes wrong at `failingStep`.
    public let fault: Fault
    /// Steps taken so far.
    public private(set) var steps = 0

    /// A CartPole whose `failingStep`-th step (counted from creation) has `fault`.
    public init(failingStep: Int?, fault: Fault) {
        self.failingStep = failingStep
        self.fault = fault
    }

    public var observationSpace: Space { wrapped.observationSpace }
    public var actionSpace: Space { wrapped.actionSpace }

    public func reset(seed: UInt64?) throws -> [Float] { try wrapped.reset(seed: seed) }

    public func step(_ action: Action) throws -> StepResult {
        steps += 1
        var result = try wrapped.step(action)
        guard steps == failingStep else { return result }
        switch fault {
        case .nanObservation: result.observation[0] = .nan
        case .infiniteReward: result.reward = .infinity
        case .throwsError: throw InjectedFault(step: steps)
        }
        return result
    }

    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = wrapped.snapshot()
        snapshot.integers.append(UInt64(steps))
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        var inner = snapshot
        guard let count = inner.integers.popLast() else {
            throw EnvironmentError.invalidSnapshot(environment: "FailingEnvironment", reason: "no step count")
        }
        try wrapped.restore(inner)
        steps = Int(count)
    }

    /// Registers `id` (CartPole's spaces and 500-step limit) in `registry`: of every `copies`
    /// instances made, in order, the one with index `failingCopy` gets `fault` at `failingStep`;
    /// the others never fail.
    public static func register(
        id: String, copies: Int, failingCopy: Int, failingStep: Int, fault: Fault,
        in registry: EnvironmentRegistry = .shared
    ) throws {
        let made = InstanceCounter()
        let spaces = CartPole()
        try registry.register(
            EnvironmentSpecification(
                id: id, observationSpace: spaces.observationSpace, actionSpace: spaces.actionSpace,
                maxEpisodeSteps: 500, rewardThreshold: nil
            ) {
                let index = made.next() % copies
                return FailingEnvironment(failingStep: index == failingCopy ? failingStep : nil, fault: fault)
            }, replacing: true)
    }
}

/// A thread-safe count of instances made (registry constructors are `@Sendable`).
final class InstanceCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// The number of earlier calls.
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count - 1
    }
}
