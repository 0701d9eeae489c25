#if MuJoCo
import Environments
import Foundation

/// Reacher: move a two-link arm's fingertip to a random target (Gymnasium `ReacherEnv`, v4 and v5).
///
/// Observation: cos and sin of the two arm angles, the target position `qpos[2...3]`, the arm's
/// velocities `qvel[0...1]`, and `fingertip − target` (frame positions `xpos`): x, y and z in v4
/// (11 wide), x and y in v5 (10 wide; z was always 0). Reward: `−w_d ‖fingertip − target‖ −
/// w_c ‖a‖²`, the distance taken *before* the step in v4 and after it in v5 (v4's weights are
/// 1). Never terminates. Reset: arm angles `U(±0.1)`, a goal drawn from U(±0.2)² until its norm
/// is below 0.2 and written to `qpos[2...3]`, arm velocities `U(±0.005)`, target velocity 0.
public struct Reacher: MuJoCoTask {
    /// The family name.
    public static let name = "Reacher"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 50

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/reacher.xml (both versions).
    public let modelName = "reacher"
    /// Two 10 ms physics steps per environment step (dt = 0.02 s); `frame_skip` in v5.
    public var frameSkip = 2
    /// Weight `w_d` of the distance penalty (v5 argument `reward_dist_weight`).
    public var distanceWeight = 1.0
    /// Weight `w_c` of the control penalty (v5 argument `reward_control_weight`).
    public var controlWeight = 1.0

    private var fingertip = 0
    private var target = 0

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// v5's keyword arguments (v4 takes none).
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        guard version == .v5 else { return }
        try arguments.read("frame_skip", into: &frameSkip)
        try arguments.read("reward_dist_weight", into: &distanceWeight)
        try arguments.read("reward_control_weight", into: &controlWeight)
    }

    /// cos (2), sin (2), target (2), arm velocities (2), fingertip − target (3 in v4, 2 in v5).
    public var observationCount: Int { version == .v4 ? 11 : 10 }

    /// Looks up the fingertip and target bodies.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        fingertip = try simulation.bodyIndex("fingertip")
        target = try simulation.bodyIndex("target")
    }

    /// Noisy arm angles and velocities, and a goal uniform in the disc of radius 0.2.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        var qpos = simulation.initialPositions.map { random.uniform(low: -0.1, high: 0.1) + $0 }
        var goal: (Double, Double)
        repeat {
            goal = (random.uniform(low: -0.2, high: 0.2), random.uniform(low: -0.2, high: 0.2))
        } while !((goal.0 * goal.0 + goal.1 * goal.1).squareRoot() < 0.2)
        let count = simulation.positionCount
        (qpos[count - 2], qpos[count - 1]) = goal
        var qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: 0.005, random: &random)
        qvel[qvel.count - 2] = 0
        qvel[qvel.count - 1] = 0
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// The distance penalty (before the step in v4, after it in v5) and the control penalty;
    /// never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        // -np.square(action).sum() * weight: float32 under NumPy 2, then widened.
        let controlPenalty = Double(-float32SumOfSquares(action) * Float(controlWeight))
        if version == .v4 {
            let distance = fingertipDistance(simulation)
            simulation.step(control: action)
            return (-distance + controlPenalty, false)
        }
        simulation.step(control: action)
        return (-fingertipDistance(simulation) * distanceWeight + controlPenalty, false)
    }

    /// `np.linalg.norm(fingertip − target)`.
    func fingertipDistance(_ simulation: MuJoCoSimulation) -> Double {
        let offset = simulation.bodyPosition(fingertip) - simulation.bodyPosition(target)
        return (offset * offset).sum().squareRoot()
    }

    /// `cos(qpos[0...1])`, `sin(qpos[0...1])`, `qpos[2...]`, `qvel[0...1]`, fingertip − target.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        let angles = [simulation.position(0), simulation.position(1)]
        observation[0] = cos(angles[0])
        observation[1] = cos(angles[1])
        observation[2] = sin(angles[0])
        observation[3] = sin(angles[1])
        observation[4] = simulation.position(2)
        observation[5] = simulation.position(3)
        observation[6] = simulation.velocity(0)
        observation[7] = simulation.velocity(1)
        let offset = simulation.bodyPosition(fingertip) - simulation.bodyPosition(target)
        observation[8] = offset.x
        observation[9] = offset.y
        if version == .v4 { observation[10] = offset.z }
    }
}
#endif
