import DenseLinearAlgebra
import Environments

/// A contextual bandit with Discrete actions: one step per episode, reward 1 for the best action.
///
/// `reset` draws a context c uniformly from `0..<contexts` (a `RandomStream` seeded by the reset's
/// seed, continued without one) and shows it one-hot; `step(a)` pays 1 if a = `bestAction(c)` =
/// (c + 1) mod contexts, else 0, and terminates. The optimal deterministic policy is known, so a
/// test can tell a trained agent from an untrained one.
public final class ToyBandit: Environment {
    /// How many contexts (and actions) there are.
    public let contexts: Int
    /// One-hot contexts in [0, 1]^contexts.
    public let observationSpace: Space
    /// One action per context.
    public let actionSpace: Space
    /// The context of the current episode.
    public private(set) var context = 0
    private var stream = RandomStream(seed: 0)

    /// A bandit with `contexts` contexts and as many actions (at least 2).
    public init(contexts: Int = 4) {
        precondition(contexts >= 2, "a bandit needs at least two contexts")
        self.contexts = contexts
        observationSpace = .box(low: [Float](repeating: 0, count: contexts), high: [Float](repeating: 1, count: contexts))
        actionSpace = .discrete(count: contexts)
    }

    /// The action paying 1 in `context`.
    public func bestAction(context: Int) -> Int { (context + 1) % contexts }

    /// The one-hot observation of `context`.
    public func observation(context: Int) -> [Float] { (0..<contexts).map { $0 == context ? 1 : 0 } }

    /// Draws the context of a new episode.
    public func reset(seed: UInt64?) throws -> [Float] {
        if let seed { stream = RandomStream(seed: seed) }
        context = stream.nextInt(below: contexts)
        return observation(context: context)
    }

    /// Pays 1 for the best action, 0 otherwise, and ends the episode.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard case .discrete(let choice) = action else { throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace) }
        let reward: Double = choice == bestAction(context: context) ? 1 : 0
        return StepResult(observation: observation(context: context), reward: reward, terminated: true, truncated: false)
    }

    /// The stream's words and the context.
    public func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: stream.state + [UInt64(context)]) }

    /// Puts back a state taken by `snapshot()`.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard snapshot.integers.count == 5, let restored = RandomStream(state: Array(snapshot.integers.prefix(4))) else {
            throw EnvironmentError.invalidSnapshot(environment: "ToyBandit", reason: "expected 5 integers")
        }
        stream = restored
        context = Int(snapshot.integers[4] % UInt64(contexts))
    }
}

/// A one-step task with a Box action: hit the target x shown in the observation.
///
/// `reset` draws x uniformly from [−1, 1] (seeded as `ToyBandit`); `step(a)` pays −(a − x)² and
/// terminates. Actions live in [−2, 2], so the optimal mean is x itself, inside the bounds.
public final class ToyTarget: Environment {
    /// The target x ∈ [−1, 1].
    public let observationSpace = Space.box(low: [-1], high: [1])
    /// a ∈ [−2, 2].
    public let actionSpace = Space.box(low: [-2], high: [2])
    /// The target of the current episode.
    public private(set) var target: Float = 0
    private var stream = RandomStream(seed: 0)

    /// A target task.
    public init() {}

    /// Draws the target of a new episode.
    public func reset(seed: UInt64?) throws -> [Float] {
        if let seed { stream = RandomStream(seed: seed) }
        target = Float(stream.nextUniform(low: -1, high: 1))
        return [target]
    }

    /// Pays −(a − x)² and ends the episode.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard case .continuous(let values) = action else { throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace) }
        let miss = Double(values[0]) - Double(target)
        return StepResult(observation: [target], reward: -miss * miss, terminated: true, truncated: false)
    }

    /// The stream's words and the target's bits.
    public func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: stream.state + [UInt64(target.bitPattern)]) }

    /// Puts back a state taken by `snapshot()`.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard snapshot.integers.count == 5, let restored = RandomStream(state: Array(snapshot.integers.prefix(4))) else {
            throw EnvironmentError.invalidSnapshot(environment: "ToyTarget", reason: "expected 5 integers")
        }
        stream = restored
        target = Float(bitPattern: UInt32(truncatingIfNeeded: snapshot.integers[4]))
    }
}

/// One step of `ToyCycle` as the environment saw it (for checking what a collector recorded).
public struct ToyCycleTransition: Sendable, Hashable {
    /// Steps since the last reset before this one (0 for an episode's first step).
    public var episodeStep: Int
    /// The position the step started from.
    public var position: Int
    /// 0 (advance) or 1 (stop).
    public var action: Int
    /// The reward paid.
    public var reward: Double
    /// Whether the step terminated the episode.
    public var terminated: Bool
}

/// A deterministic cycle with Discrete actions that ends by termination or by a time limit.
///
/// Positions 0, 1, …, length − 1, 0, … are observed one-hot (so no observation is all zeros, which
/// would give an untrained network's zero biases the last word); every episode starts at 0.
/// Action 0 advances, action 1 stops (terminates). The reward of a step from position p with
/// action a is 1 + p + a/2, exact in Double. Episodes never terminate on their own, so wrapped in
/// `TimeLimit` (see `ToyCycle.limited`) they end by truncation unless the agent stops. Every
/// step is appended to `transitions`.
public final class ToyCycle: Environment {
    /// How many positions the cycle has.
    public let length: Int
    /// The position one-hot, in [0, 1]^length.
    public let observationSpace: Space
    /// 0 advances, 1 stops.
    public let actionSpace = Space.discrete(count: 2)
    /// The current position.
    public private(set) var position = 0
    /// Steps since the last reset.
    public private(set) var episodeStep = 0
    /// Every step taken, in order.
    public private(set) var transitions: [ToyCycleTransition] = []

    /// A cycle of `length` positions (at least 2).
    public init(length: Int = 2) {
        precondition(length >= 2, "a cycle needs at least two positions")
        self.length = length
        observationSpace = .box(low: [Float](repeating: 0, count: length), high: [Float](repeating: 1, count: length))
    }

    /// The one-hot observation of `position`.
    public func observation(position: Int) -> [Float] { (0..<length).map { $0 == position ? 1 : 0 } }

    /// The reward of a step from `position` with `action`: 1 + p + a/2.
    public static func reward(position: Int, action: Int) -> Double { 1 + Double(position) + 0.5 * Double(action) }

    /// A cycle of `length` positions behind a time limit of `steps`, and the cycle itself (to read its transitions).
    public static func limited(length: Int = 2, steps: Int) throws -> (environment: TimeLimit, cycle: ToyCycle) {
        let cycle = ToyCycle(length: length)
        return (try TimeLimit(cycle, maxEpisodeSteps: steps), cycle)
    }

    /// Starts at position 0 (the seed is irrelevant: nothing is random).
    public func reset(seed: UInt64?) throws -> [Float] {
        position = 0
        episodeStep = 0
        return observation(position: 0)
    }

    /// Advances (action 0) or stops (action 1), paying 1 + p + a/2.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard case .discrete(let choice) = action else { throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace) }
        let reward = Self.reward(position: position, action: choice)
        transitions.append(
            ToyCycleTransition(
                episodeStep: episodeStep, position: position, action: choice, reward: reward, terminated: choice == 1))
        if choice == 0 { position = (position + 1) % length }
        episodeStep += 1
        return StepResult(observation: observation(position: position), reward: reward, terminated: choice == 1, truncated: false)
    }

    /// The position and the step count (the record of transitions is not state).
    public func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: [UInt64(position), UInt64(episodeStep)]) }

    /// Puts back a state taken by `snapshot()`.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard snapshot.integers.count == 2, snapshot.integers[0] < UInt64(length) else {
            throw EnvironmentError.invalidSnapshot(environment: "ToyCycle", reason: "expected [position, step]")
        }
        position = Int(snapshot.integers[0])
        episodeStep = Int(snapshot.integers[1])
    }
}

/// The toy environments under Gymnasium-style ids, for the agent API (`Agent(environment:registry:)`).
public enum ToyEnvironments {
    /// `ToyBandit(contexts: 4)`, no time limit (every episode is one step).
    public static let banditID = "ToyBandit-v0"
    /// `ToyTarget()`, no time limit (every episode is one step).
    public static let targetID = "ToyTarget-v0"
    /// `ToyCycle(length: 2)` behind a time limit of `cycleTimeLimit` steps.
    public static let cycleID = "ToyCycle-v0"
    /// The time limit of `cycleID`.
    public static let cycleTimeLimit = 3

    /// A registry holding only the three toy environments.
    public static func registry() throws -> EnvironmentRegistry {
        let registry = EnvironmentRegistry()
        try registry.register(EnvironmentSpecification(id: banditID, maxEpisodeSteps: nil, rewardThreshold: 1) { ToyBandit() })
        try registry.register(EnvironmentSpecification(id: targetID, maxEpisodeSteps: nil, rewardThreshold: 0) { ToyTarget() })
        try registry.register(
            EnvironmentSpecification(id: cycleID, maxEpisodeSteps: cycleTimeLimit, rewardThreshold: nil) { ToyCycle() })
        return registry
    }
}
