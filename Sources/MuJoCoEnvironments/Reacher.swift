#if MuJoCo
import DenseLinearAlgebra
import Foundation

/// Reacher-v4: move a two-link arm's fingertip to a random target (Gymnasium `ReacherEnv`, v4).
///
/// Observation (11): cos and sin of the two arm angles, the target position `qpos[2...3]`, the
/// arm's velocities `qvel[0...1]`, and `fingertip − target` (frame positions `xpos`). Reward,
/// computed *before* the step: `−‖fingertip − target‖ − ‖a‖²`. Never terminates. Reset: arm
/// angles `U(±0.1)`, a goal drawn from U(±0.2)² until its norm is below 0.2 and written to
/// `qpos[2...3]`, arm velocities `U(±0.005)`, target velocity 0.
public struct Reacher: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "Reacher-v4"
    /// The MJCF file, Models/reacher.xml.
    public static let modelName = "reacher"
    /// Two 10 ms physics steps per environment step (dt = 0.02 s).
    public static let frameSkip = 2
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 50

    private var fingertip = 0
    private var target = 0

    /// Gymnasium's defaults.
    public init() {}

    /// cos (2), sin (2), target (2), arm velocities (2), fingertip − target (3).
    public var observationCount: Int { 11 }

    /// Looks up the fingertip and target bodies.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        fingertip = try simulation.bodyIndex("fingertip")
        target = try simulation.bodyIndex("target")
    }

    /// Noisy arm angles and velocities, and a goal uniform in the disc of radius 0.2.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        var qpos = simulation.initialPositions.map { random.nextUniform(low: -0.1, high: 0.1) + $0 }
        var goal: (Double, Double)
        repeat {
            goal = (random.nextUniform(low: -0.2, high: 0.2), random.nextUniform(low: -0.2, high: 0.2))
        } while !((goal.0 * goal.0 + goal.1 * goal.1).squareRoot() < 0.2)
        let count = simulation.positionCount
        (qpos[count - 2], qpos[count - 1]) = goal
        var qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: 0.005, random: &random)
        qvel[qvel.count - 2] = 0
        qvel[qvel.count - 1] = 0
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// The distance and control penalties of the state before the step; never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let offset = simulation.bodyPosition(fingertip) - simulation.bodyPosition(target)
        let distance = (offset * offset).sum().squareRoot()
        let controlPenalty = -float32SumOfSquares(action)
        simulation.step(control: action)
        return (-distance + Double(controlPenalty), false)
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
        observation[10] = offset.z
    }
}
#endif
