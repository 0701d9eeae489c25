import Foundation

/// Gymnasium's `MountainCarContinuous-v0`: the mountain car with a continuous force in [−1, 1].
///
/// Reproduces Gymnasium 1.x under NumPy 2 exactly: the state is re-stored as float32 after every
/// step (but is float64 right after reset), the float32 action keeps parts of the velocity update
/// in float32 (NEP 50, see `NumPyScalar`), the goal is position ≥ 0.45 with velocity ≥ 0, and the
/// reward is `100·terminated − 0.1·a²` with the **unclipped** action a.
public final class MountainCarContinuous: Environment {
    /// The Gymnasium id.
    public static let id = "MountainCarContinuous-v0"

    static let minPosition = -1.2
    static let maxPosition = 0.6
    static let maxSpeed = 0.07
    static let goalPosition = 0.45
    static let power = 0.0015

    /// Gymnasium's `goal_velocity` keyword (default 0).
    public let goalVelocity: Double
    /// Box([-1.2, -0.07], [0.6, 0.07]): (position, velocity).
    public let observationSpace = Space.box(
        low: [Float(minPosition), Float(-maxSpeed)], high: [Float(maxPosition), Float(maxSpeed)])
    /// Box(-1, 1, (1,)): the force (clipped by the environment; the penalty uses the unclipped value).
    public let actionSpace = Space.box(low: [-1], high: [1])

    /// The state (position, velocity) as float64 values (float32-representable after a step).
    public private(set) var state: [Double] = [0, 0]
    // Whether `state` is the float32 array of a step (true) or the float64 array of a reset.
    var stateIsFloat32 = false
    var randomness = EpisodeRandomness()
    var isReset = false

    /// A continuous mountain car with goal velocity `goalVelocity`.
    public init(goalVelocity: Double = 0) {
        self.goalVelocity = goalVelocity
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        randomness.reseed(seed)
        state[0] = randomness.uniform(low: -0.6, high: -0.4)
        state[1] = 0
        stateIsFloat32 = false
        isReset = true
        return observation
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: MountainCarContinuous.id) }
        guard case .continuous(let values) = action else {
            throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace)
        }
        let stateKind: NumPyScalar.Kind = stateIsFloat32 ? .float32 : .float64
        var position = NumPyScalar(state[0], stateKind)
        var velocity = NumPyScalar(state[1], stateKind)
        let actionValue = NumPyScalar(Double(values[0]), .float32)
        // force = min(max(a, −1.0), 1.0) with Python's min/max: keeps a's type unless it is clipped.
        var force = actionValue
        if NumPyScalar.python(-1.0) > force { force = .python(-1.0) }
        if NumPyScalar.python(1.0) < force { force = .python(1.0) }
        let threePosition = NumPyScalar.python(3) * position
        // math.cos takes a Python float; its result is a Python float.
        let gravityTerm = NumPyScalar.python(0.0025 * cos(threePosition.value))
        velocity = velocity + (force * .python(MountainCarContinuous.power) - gravityTerm)
        if velocity > .python(MountainCarContinuous.maxSpeed) { velocity = .python(MountainCarContinuous.maxSpeed) }
        if velocity < .python(-MountainCarContinuous.maxSpeed) { velocity = .python(-MountainCarContinuous.maxSpeed) }
        position = position + velocity
        if position > .python(MountainCarContinuous.maxPosition) {
            position = .python(MountainCarContinuous.maxPosition)
        }
        if position < .python(MountainCarContinuous.minPosition) {
            position = .python(MountainCarContinuous.minPosition)
        }
        if position == .python(MountainCarContinuous.minPosition) && velocity < .python(0) { velocity = .python(0) }
        let terminated =
            position >= .python(MountainCarContinuous.goalPosition) && velocity >= .python(goalVelocity)
        // reward = (100.0 if terminated else 0) − math.pow(a, 2) · 0.1, in Python floats.
        let actionSquared = pow(Double(values[0]), 2)
        let reward = (terminated ? 100.0 : 0.0) - actionSquared * 0.1
        state[0] = Double(Float(position.value))
        state[1] = Double(Float(velocity.value))
        stateIsFloat32 = true
        return StepResult(observation: observation, reward: reward, terminated: terminated, truncated: false)
    }

    var observation: [Float] { [Float(state[0]), Float(state[1])] }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        ClassicControlSnapshot.make(
            state: state, randomness: randomness, flags: [isReset ? 1 : 0, stateIsFloat32 ? 1 : 0])
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let decoded = try ClassicControlSnapshot.decode(
            snapshot, environment: MountainCarContinuous.id, stateCount: 2, flagCount: 2)
        state = decoded.state
        randomness = decoded.randomness
        isReset = decoded.flags[0] != 0
        stateIsFloat32 = decoded.flags[1] != 0
    }
}
