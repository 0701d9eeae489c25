import Foundation

/// Gymnasium's `Acrobot-v1`: swing the tip of a two-link chain above a line, torque on the middle joint.
///
/// Sutton and Barto's "book" dynamics (the `−m₂l₁l_c2θ̇₁² sin θ₂` term included), one classical
/// Runge–Kutta step over [0, 0.2] s in float64, angles wrapped into [−π, π] and velocities clipped,
/// as `gymnasium/envs/classic_control/acrobot.py`. The reset state U(−0.1, 0.1)⁴ is cast to
/// float32 (then used as float64). Reward −1 per step, 0 on the terminating step.
public final class Acrobot: Environment {
    /// The Gymnasium id.
    public static let id = "Acrobot-v1"

    static let dt = 0.2
    static let maxVelocity1 = 4 * Double.pi
    static let maxVelocity2 = 9 * Double.pi
    static let availableTorques: [Double] = [-1.0, 0.0, 1.0]

    /// Box([-1, -1, -1, -1, -4π, -9π], [1, 1, 1, 1, 4π, 9π]): (cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂).
    public let observationSpace: Space
    /// Discrete(3): torque −1, 0 or +1 on the joint between the links.
    public let actionSpace = Space.discrete(count: 3)

    /// The float64 state (θ₁, θ₂, θ̇₁, θ̇₂).
    public private(set) var state: [Double] = [0, 0, 0, 0]
    var randomness = EpisodeRandomness()
    var isReset = false

    /// An acrobot with Gymnasium's constants.
    public init() {
        let high: [Float] = [1, 1, 1, 1, Float(Acrobot.maxVelocity1), Float(Acrobot.maxVelocity2)]
        observationSpace = .box(low: high.map { -$0 }, high: high)
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        randomness.reseed(seed)
        for index in 0..<4 { state[index] = Double(Float(randomness.uniform(low: -0.1, high: 0.1))) }
        isReset = true
        return observation
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: Acrobot.id) }
        guard case .discrete(let choice) = action else {
            throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace)
        }
        let torque = Acrobot.availableTorques[choice]
        var next = Acrobot.rungeKuttaStep(AcrobotState(state[0], state[1], state[2], state[3]), torque: torque)
        next.theta1 = Acrobot.wrap(next.theta1)
        next.theta2 = Acrobot.wrap(next.theta2)
        next.dtheta1 = Acrobot.bound(next.dtheta1, Acrobot.maxVelocity1)
        next.dtheta2 = Acrobot.bound(next.dtheta2, Acrobot.maxVelocity2)
        state[0] = next.theta1
        state[1] = next.theta2
        state[2] = next.dtheta1
        state[3] = next.dtheta2
        let terminated = -cos(next.theta1) - cos(next.theta2 + next.theta1) > 1.0
        return StepResult(
            observation: observation, reward: terminated ? 0 : -1, terminated: terminated, truncated: false)
    }

    /// Gymnasium's `wrap(x, −π, π)`: subtract or add 2π until x lies in [−π, π].
    static func wrap(_ angle: Double) -> Double {
        let (lower, upper) = (-Double.pi, Double.pi)
        let span = upper - lower
        var value = angle
        while value > upper { value = value - span }
        while value < lower { value = value + span }
        return value
    }

    /// Gymnasium's `bound(x, −limit, limit)`: `min(max(x, −limit), limit)`.
    static func bound(_ value: Double, _ limit: Double) -> Double {
        Swift.min(Swift.max(value, -limit), limit)
    }

    var observation: [Float] {
        [
            Float(cos(state[0])), Float(sin(state[0])), Float(cos(state[1])), Float(sin(state[1])),
            Float(state[2]), Float(state[3]),
        ]
    }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        ClassicControlSnapshot.make(state: state, randomness: randomness, flags: [isReset ? 1 : 0])
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let decoded = try ClassicControlSnapshot.decode(snapshot, environment: Acrobot.id, stateCount: 4, flagCount: 1)
        state = decoded.state
        randomness = decoded.randomness
        isReset = decoded.flags[0] != 0
    }
}
