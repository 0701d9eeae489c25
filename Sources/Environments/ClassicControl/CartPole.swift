import Foundation

/// Gymnasium's `CartPole-v1`: balance a pole on a cart by pushing it left or right.
///
/// Barto, Sutton and Anderson (1983) with Gymnasium 1.x's constants and explicit Euler integration.
/// The state (x, ẋ, θ, θ̇) is float64 and observations are its float32 cast, as in
/// `gymnasium/envs/classic_control/cartpole.py`. Reward +1 on every step, the terminating one
/// included (or 0 / −1 with `suttonBartoReward`). Reset draws U(−0.05, 0.05)⁴ from `np_random`.
public final class CartPole: Environment {
    /// The Gymnasium id.
    public static let id = "CartPole-v1"

    // Gymnasium's constants: gravity, cart and pole masses, half pole length, force, τ.
    static let gravity = 9.8
    static let massCart = 1.0
    static let massPole = 0.1
    static let totalMass = massPole + massCart
    static let length = 0.5
    static let poleMassLength = massPole * length
    static let forceMagnitude = 10.0
    static let tau = 0.02
    static let thetaThreshold = 12 * 2 * Double.pi / 360
    static let xThreshold = 2.4

    /// Box([-4.8, -inf, -0.419, -inf], [4.8, inf, 0.419, inf]), float32.
    public let observationSpace: Space
    /// Discrete(2): 0 pushes left, 1 pushes right.
    public let actionSpace = Space.discrete(count: 2)
    /// Gymnasium's `sutton_barto_reward`: 0 per step and −1 on failure instead of +1 per step.
    public let suttonBartoReward: Bool

    /// The float64 state (x, ẋ, θ, θ̇).
    public private(set) var state: [Double] = [0, 0, 0, 0]
    var randomness = EpisodeRandomness()
    var isReset = false
    // Gymnasium's `steps_beyond_terminated`: −1 for None.
    var stepsBeyondTerminated = -1

    /// A cart-pole with Gymnasium's default reward (or Sutton and Barto's).
    public init(suttonBartoReward: Bool = false) {
        self.suttonBartoReward = suttonBartoReward
        let high: [Float] = [
            Float(CartPole.xThreshold * 2), .infinity, Float(CartPole.thetaThreshold * 2), .infinity,
        ]
        observationSpace = .box(low: high.map { -$0 }, high: high)
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        randomness.reseed(seed)
        for index in 0..<4 { state[index] = randomness.uniform(low: -0.05, high: 0.05) }
        stepsBeyondTerminated = -1
        isReset = true
        return observation
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: CartPole.id) }
        let push = if case .discrete(1) = action { true } else { false }
        let force = push ? CartPole.forceMagnitude : -CartPole.forceMagnitude
        var (x, xDot, theta, thetaDot) = (state[0], state[1], state[2], state[3])
        let cosTheta = cos(theta)
        let sinTheta = sin(theta)
        // Same operation order as Gymnasium, so the float64 results agree bit for bit.
        let temp = (force + CartPole.poleMassLength * (thetaDot * thetaDot) * sinTheta) / CartPole.totalMass
        let thetaAcceleration =
            (CartPole.gravity * sinTheta - cosTheta * temp)
            / (CartPole.length * (4.0 / 3.0 - CartPole.massPole * (cosTheta * cosTheta) / CartPole.totalMass))
        let xAcceleration = temp - CartPole.poleMassLength * thetaAcceleration * cosTheta / CartPole.totalMass
        x = x + CartPole.tau * xDot
        xDot = xDot + CartPole.tau * xAcceleration
        theta = theta + CartPole.tau * thetaDot
        thetaDot = thetaDot + CartPole.tau * thetaAcceleration
        state[0] = x
        state[1] = xDot
        state[2] = theta
        state[3] = thetaDot

        let terminated =
            x < -CartPole.xThreshold || x > CartPole.xThreshold
            || theta < -CartPole.thetaThreshold || theta > CartPole.thetaThreshold
        let reward: Double
        if !terminated {
            reward = suttonBartoReward ? 0 : 1
        } else if stepsBeyondTerminated < 0 {
            stepsBeyondTerminated = 0
            reward = suttonBartoReward ? -1 : 1
        } else {
            // Stepping past termination is undefined in Gymnasium; it gives 0 (or −1).
            stepsBeyondTerminated += 1
            reward = suttonBartoReward ? -1 : 0
        }
        return StepResult(observation: observation, reward: reward, terminated: terminated, truncated: false)
    }

    var observation: [Float] { [Float(state[0]), Float(state[1]), Float(state[2]), Float(state[3])] }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        ClassicControlSnapshot.make(
            state: state, randomness: randomness,
            flags: [isReset ? 1 : 0, UInt64(bitPattern: Int64(stepsBeyondTerminated))])
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let decoded = try ClassicControlSnapshot.decode(snapshot, environment: CartPole.id, stateCount: 4, flagCount: 2)
        state = decoded.state
        randomness = decoded.randomness
        isReset = decoded.flags[0] != 0
        stepsBeyondTerminated = Int(Int64(bitPattern: decoded.flags[1]))
    }
}
