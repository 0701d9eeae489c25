import Foundation

/// Gymnasium's `MountainCar-v0`: drive an under-powered car up a hill by rocking it (3 discrete pushes).
///
/// Moore (1990) with Gymnasium's constants; the state (position, velocity) is float64 and
/// observations are its float32 cast. Reward −1 per step; terminates at position ≥ 0.5 with
/// velocity ≥ 0. Reset draws the position from U(−0.6, −0.4), velocity 0.
public final class MountainCar: Environment {
    /// The Gymnasium id.
    public static let id = "MountainCar-v0"

    static let minPosition = -1.2
    static let maxPosition = 0.6
    static let maxSpeed = 0.07
    static let goalPosition = 0.5
    static let force = 0.001
    static let gravity = 0.0025

    /// Gymnasium's `goal_velocity` keyword (default 0).
    public let goalVelocity: Double
    /// Box([-1.2, -0.07], [0.6, 0.07]): (position, velocity).
    public let observationSpace = Space.box(
        low: [Float(minPosition), Float(-maxSpeed)], high: [Float(maxPosition), Float(maxSpeed)])
    /// Discrete(3): push left, no push, push right.
    public let actionSpace = Space.discrete(count: 3)

    /// The float64 state (position, velocity).
    public private(set) var state: [Double] = [0, 0]
    var randomness = EpisodeRandomness()
    var isReset = false

    /// A mountain car with goal velocity `goalVelocity`.
    public init(goalVelocity: Double = 0) {
        self.goalVelocity = goalVelocity
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] {
        randomness.reseed(seed)
        state[0] = randomness.uniform(low: -0.6, high: -0.4)
        state[1] = 0
        isReset = true
        return observation
    }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: MountainCar.id) }
        guard case .discrete(let choice) = action else {
            throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace)
        }
        var (position, velocity) = (state[0], state[1])
        velocity += Double(choice - 1) * MountainCar.force + cos(3 * position) * (-MountainCar.gravity)
        velocity = Swift.min(Swift.max(velocity, -MountainCar.maxSpeed), MountainCar.maxSpeed)
        position += velocity
        position = Swift.min(Swift.max(position, MountainCar.minPosition), MountainCar.maxPosition)
        if position == MountainCar.minPosition && velocity < 0 { velocity = 0 }
        let terminated = position >= MountainCar.goalPosition && velocity >= goalVelocity
        state[0] = position
        state[1] = velocity
        return StepResult(observation: observation, reward: -1, terminated: terminated, truncated: false)
    }

    var observation: [Float] { [Float(state[0]), Float(state[1])] }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot {
        ClassicControlSnapshot.make(state: state, randomness: randomness, flags: [isReset ? 1 : 0])
    }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let decoded = try ClassicControlSnapshot.decode(
            snapshot, environment: MountainCar.id, stateCount: 2, flagCount: 1)
        state = decoded.state
        randomness = decoded.randomness
        isReset = decoded.flags[0] != 0
    }
}
