#if MuJoCo
import Environments

/// Pusher-v5: push a cylinder to a goal with a seven-joint arm (Gymnasium `PusherEnv`, v5).
///
/// Pusher-v4 is not offered: Gymnasium 1.4.0 itself refuses it on MuJoCo ≥ 3 (its model's tiny
/// object density misbehaves there), so there is nothing to check ours against.
///
/// Observation (23): `qpos[0..<7]`, `qvel[0..<7]`, and the frame positions of the fingertip
/// (`tips_arm`), the object and the goal. Reward, after the step: `−w_d ‖object − goal‖ −
/// w_c ‖a‖² − w_n ‖object − tips_arm‖`. Never terminates. Reset: the arm at `qpos0`, the object
/// at (U(−0.3, 0), U(−0.2, 0.2)) redrawn until it is more than 0.17 from the goal at (0, 0), arm
/// velocities U(±0.005), object and goal at rest.
public struct Pusher: MuJoCoTask {
    /// The family name.
    public static let name = "Pusher"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 100

    /// The version whose rules apply (v5; see above).
    public let version: GymnasiumVersion
    /// The MJCF file, Models/pusher_v5.xml.
    public let modelName = "pusher_v5"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s).
    public var frameSkip = 5
    /// Weight `w_n` of the fingertip-to-object distance.
    public var nearWeight = 0.5
    /// Weight `w_d` of the object-to-goal distance.
    public var distanceWeight = 1.0
    /// Weight `w_c` of the squared action.
    public var controlWeight = 0.1

    private var tip = 0, object = 0, goal = 0

    /// Gymnasium's defaults.
    public init(version: GymnasiumVersion) { self.version = version }

    /// Gymnasium's keyword arguments of `PusherEnv` v5.
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        try arguments.read("frame_skip", into: &frameSkip)
        try arguments.read("reward_near_weight", into: &nearWeight)
        try arguments.read("reward_dist_weight", into: &distanceWeight)
        try arguments.read("reward_control_weight", into: &controlWeight)
    }

    /// Arm angles (7) and velocities (7), fingertip, object and goal positions (3 each).
    public var observationCount: Int { 23 }

    /// Looks up the fingertip, object and goal bodies.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        tip = try simulation.bodyIndex("tips_arm")
        object = try simulation.bodyIndex("object")
        goal = try simulation.bodyIndex("goal")
    }

    /// The object placed away from the goal; small arm velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        var qpos = simulation.initialPositions
        var cylinder: (Double, Double)
        repeat {
            cylinder = (random.uniform(low: -0.3, high: 0), random.uniform(low: -0.2, high: 0.2))
        } while !((cylinder.0 * cylinder.0 + cylinder.1 * cylinder.1).squareRoot() > 0.17)
        let count = qpos.count
        (qpos[count - 4], qpos[count - 3]) = cylinder
        (qpos[count - 2], qpos[count - 1]) = (0, 0)
        var qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: 0.005, random: &random)
        for index in (qvel.count - 4)..<qvel.count { qvel[index] = 0 }
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// The weighted distances and control penalty of the state after the step.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        simulation.step(control: action)
        let objectPosition = simulation.bodyPosition(object)
        let near = distance(objectPosition, simulation.bodyPosition(tip))
        let toGoal = distance(objectPosition, simulation.bodyPosition(goal))
        // -np.square(action).sum() * weight: float32 under NumPy 2, then widened.
        let control = Double(-float32SumOfSquares(action) * Float(controlWeight))
        return (-toGoal * distanceWeight + control + -near * nearWeight, false)
    }

    private func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        let offset = a - b
        return (offset * offset).sum().squareRoot()
    }

    /// `qpos[0..<7]`, `qvel[0..<7]`, fingertip, object, goal.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        for index in 0..<7 {
            observation[index] = simulation.position(index)
            observation[7 + index] = simulation.velocity(index)
        }
        for (part, body) in [tip, object, goal].enumerated() {
            let position = simulation.bodyPosition(body)
            for axis in 0..<3 { observation[14 + 3 * part + axis] = position[axis] }
        }
    }
}
#endif
