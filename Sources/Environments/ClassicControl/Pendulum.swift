import Foundation

/// Gymnasium's `Pendulum-v1`: swing a frictionless pendulum up and hold it with a bounded torque.
///
/// The state (θ, θ̇) is float64. Under NumPy 2's promotion rules (NEP 50) the float32 torque `u`
/// keeps the terms `0.001·u²` and `3·u` in float32 before they meet float64 values; that is
/// reproduced here exactly. The cost uses Gymnasium's floor-mod `angle_normalize`. Never terminates
/// (the registry's 200-step time limit truncates).
public final class Pendulum: Environment {
    /// The Gymnasium id.
    public static let id = "Pendulum-v1"

    // Gymnasium's constants: max speed, max torque, dt, mass and length.
    static let maxSpeed = 8.0
    static let maxTorque: Float = 2.0
    static let dt = 0.05
    static let mass = 1.0
    static let length = 1.0

    /// Gravity g (Gymnasium's `g` keyword, default 10).
    public let gravity: Double
    /// Box([-1, -1, -8], [1, 1, 8]), float32: (cos θ, sin θ, θ̇).
    public let observationSpace = Space.box(low: [-1, -1, -8], high: [1, 1, 8])
    /// Box(-2, 2, (1,)): the torque (clipped to the bounds by the environment).
    public let actionSpace = Space.box(low: [-maxTorque], high: [maxTorque])

    /// The float64 state (θ, θ̇).
    public private(set) var state: [Double] = [0, 0]
    var randomness = EpisodeRandomness()
    var isReset = false

    /// A pendulum under gravity `gravity`.
    public init(gravity: Double = 10.0) {
        self.gravity = gravity
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        randomness.reseed(seed)
        // np_random.uniform(low=-high, high=high) with high = [π, 1].
        state[0] = randomness.uniform(low: -Double.pi, high: Double.pi)
        state[1] = randomness.uniform(low: -1.0, high: 1.0)
        isReset = true
        return observation
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: Pendulum.id) }
        guard case .continuous(let values) = action else {
            throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace)
        }
        let (theta, thetaDot) = (state[0], state[1])
        // np.clip on a float32 array stays float32.
        let torque = Swift.min(Swift.max(values[0], -Pendulum.maxTorque), Pendulum.maxTorque)
        let normalized = Pendulum.angleNormalize(theta)
        // `x ** 2` on NumPy scalars calls libm's pow (powf for float32), which is not always the
        // correctly rounded x·x; call the same functions. 0.001·u² stays float32 (NEP 50).
        let torqueCost = Float(0.001) * powf(torque, 2)
        let cost = pow(normalized, 2) + 0.1 * pow(thetaDot, 2) + Double(torqueCost)
        let torqueTerm = Double(Float(3.0 / (Pendulum.mass * Pendulum.length * Pendulum.length)) * torque)
        var newThetaDot =
            thetaDot + (3 * gravity / (2 * Pendulum.length) * sin(theta) + torqueTerm) * Pendulum.dt
        newThetaDot = Swift.min(Swift.max(newThetaDot, -Pendulum.maxSpeed), Pendulum.maxSpeed)
        state[0] = theta + newThetaDot * Pendulum.dt
        state[1] = newThetaDot
        return StepResult(observation: observation, reward: -cost, terminated: false, truncated: false)
    }

    /// Gymnasium's `angle_normalize`: ((x + π) mod 2π) − π with NumPy's floor-mod (the result
    /// takes the divisor's sign), not Swift's truncating remainder.
    @inlinable
    public static func angleNormalize(_ angle: Double) -> Double {
        let divisor = 2 * Double.pi
        var remainder = fmod(angle + Double.pi, divisor)
        if remainder != 0 {
            if remainder < 0 { remainder += divisor }
        } else {
            remainder = 0  // NumPy gives +0.0 (copysign(0, divisor)).
        }
        return remainder - Double.pi
    }

    var observation: [Float] { [Float(cos(state[0])), Float(sin(state[0])), Float(state[1])] }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        ClassicControlSnapshot.make(state: state, randomness: randomness, flags: [isReset ? 1 : 0])
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let decoded = try ClassicControlSnapshot.decode(snapshot, environment: Pendulum.id, stateCount: 2, flagCount: 1)
        state = decoded.state
        randomness = decoded.randomness
        isReset = decoded.flags[0] != 0
    }
}
