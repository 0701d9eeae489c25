#if MuJoCo
import DenseLinearAlgebra
import Foundation

/// InvertedDoublePendulum-v4: balance two chained poles on a cart (Gymnasium
/// `InvertedDoublePendulumEnv`, v4).
///
/// Observation (11): cart position, sin and cos of both pole angles, `qvel` clipped to ±10 and
/// `qfrc_constraint` clipped to ±10. Reward, from the tip site `(x, _, y) = site_xpos[0]` after
/// the step: `10 − (0.01 x² + (y − 2)²) − (10⁻³ v₁² + 5·10⁻³ v₂²)` with `v = qvel[1...2]`.
/// Terminates when `y ≤ 1`. Reset: `qpos0 + U(±0.1)`, velocities `0.1 · N(0, 1)`.
public struct InvertedDoublePendulum: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "InvertedDoublePendulum-v4"
    /// The MJCF file, Models/inverted_double_pendulum.xml.
    public static let modelName = "inverted_double_pendulum"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s).
    public static let frameSkip = 5
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// Half-width of the uniform noise on `qpos`, and standard deviation of the noise on `qvel`
    /// (fixed in Gymnasium v4).
    public var resetNoiseScale = 0.1

    private var tip = 0

    /// Gymnasium's defaults.
    public init() {}

    /// Position (1), sines (2), cosines (2), velocities (3), constraint forces (3).
    public var observationCount: Int { 11 }

    /// Looks up the tip site (site 0), whose height decides reward and termination.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        tip = try simulation.siteIndex("tip")
    }

    /// `qpos0 + U(±0.1)`, velocities `0.1 · N(0, 1)`.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: resetNoiseScale, random: &random)
        let qvel = Self.normalNoise(around: Self.restVelocities(simulation), scale: resetNoiseScale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// The alive bonus minus distance and velocity penalties; terminates when the tip is low.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        simulation.step(control: action)
        let tipPosition = simulation.sitePosition(tip)
        let x = tipPosition.x, y = tipPosition.z
        let distancePenalty = 0.01 * (x * x) + (y - 2) * (y - 2)
        let v1 = simulation.velocity(1), v2 = simulation.velocity(2)
        let velocityPenalty = 1e-3 * (v1 * v1) + 5e-3 * (v2 * v2)
        let aliveBonus = 10.0
        return (aliveBonus - distancePenalty - velocityPenalty, y <= 1)
    }

    /// `qpos[0]`, `sin(qpos[1...])`, `cos(qpos[1...])`, clipped `qvel`, clipped `qfrc_constraint`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        let angles = [simulation.position(1), simulation.position(2)]
        observation[0] = simulation.position(0)
        observation[1] = sin(angles[0])
        observation[2] = sin(angles[1])
        observation[3] = cos(angles[0])
        observation[4] = cos(angles[1])
        for index in 0..<3 {
            observation[5 + index] = clip(simulation.velocity(index), -10, 10)
            observation[8 + index] = clip(simulation.constraintForce(index), -10, 10)
        }
    }
}
#endif
