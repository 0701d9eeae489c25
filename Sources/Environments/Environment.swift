import DenseLinearAlgebra

/// What one `step` returns: Gymnasium's `(observation, reward, terminated, truncated)`.
public struct StepResult: Sendable, Hashable {
    /// The observation after the step (float32, as Gymnasium's observations).
    public var observation: [Float]
    /// The reward of the transition (float64, as Gymnasium's Python floats).
    public var reward: Double
    /// The episode reached a terminal state of the MDP (no bootstrapping past it).
    public var terminated: Bool
    /// The episode was cut short from outside the MDP (a time limit): bootstrap from `observation`.
    public var truncated: Bool

    /// A transition from its parts.
    public init(observation: [Float], reward: Double, terminated: Bool, truncated: Bool) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }
}

/// The full state of an environment, its random stream included, so it can be restored and replayed.
///
/// Opaque to callers: an environment writes its real-valued state to `reals` and its integer state
/// (random-generator words, counters, flags) to `integers`; a wrapper appends its own fields after
/// those of the environment it wraps and removes them again on restore.
public struct EnvironmentSnapshot: Sendable, Hashable, Codable {
    /// Real-valued state (physical state, running sums).
    public var reals: [Double]
    /// Integer state (random-generator words, counters, flags).
    public var integers: [UInt64]

    /// A snapshot from its fields.
    public init(reals: [Double] = [], integers: [UInt64] = []) {
        self.reals = reals
        self.integers = integers
    }
}

/// A Markov decision process with Gymnasium's `reset`/`step` contract.
///
/// Environments are reference types: wrappers and vector environments step them in place. An
/// environment is used from one thread at a time; a vector environment gives each copy its own.
public protocol Environment: AnyObject {
    /// The space that every observation belongs to.
    var observationSpace: Space { get }
    /// The space that every action must belong to.
    var actionSpace: Space { get }

    /// Starts a new episode and returns its first observation.
    ///
    /// With a seed, the environment's random stream is re-seeded first (Gymnasium's
    /// `reset(seed=...)`); without one, the stream continues.
    func reset(seed: UInt64?) throws -> [Float]

    /// Applies `action` and returns the transition.
    func step(_ action: Action) throws -> StepResult

    /// The full state, random stream included.
    func snapshot() -> EnvironmentSnapshot

    /// Puts the environment back into a state taken by `snapshot()` of the same environment kind.
    func restore(_ snapshot: EnvironmentSnapshot) throws

    /// About how long one `step` takes on one core, in nanoseconds: a hint (never a measurement,
    /// so it cannot depend on the load) that lets a vector environment step its copies inline when
    /// handing them to other threads would cost more than it saves. See `Environment+StepCost.swift`.
    var typicalStepNanoseconds: Double { get }
}

// MARK: - Contract-checked reset and step

extension Environment {
    /// `reset(seed:)`, then throws a typed error if the observation has the wrong length or a
    /// NaN or infinite coordinate (`name` identifies the environment in the message).
    public func checkedReset(seed: UInt64?, name: String) throws -> [Float] {
        let observation = try reset(seed: seed)
        try checkObservation(observation, name: name)
        return observation
    }

    /// `step(_:)` with the action validated against `actionSpace` first and the observation and
    /// reward checked after, so a bad action or a NaN from the environment is a typed error.
    public func checkedStep(_ action: Action, name: String) throws -> StepResult {
        try actionSpace.validate(action)
        let result = try step(action)
        try checkObservation(result.observation, name: name)
        guard result.reward.isFinite else {
            throw EnvironmentError.nonFiniteReward(environment: name, reward: result.reward)
        }
        return result
    }

    /// Throws unless `observation` has the observation space's length and only finite coordinates.
    public func checkObservation(_ observation: [Float], name: String) throws {
        let expected = observationSpace.dimension
        guard observation.count == expected else {
            throw EnvironmentError.observationShapeMismatch(
                environment: name, expected: expected, actual: observation.count)
        }
        if !VectorOperations.allFinite(observation) {
            throw EnvironmentError.nonFiniteObservation(environment: name, values: observation)
        }
    }
}
