#if MuJoCo
import Environments
import Foundation

/// InvertedDoublePendulum: balance two chained poles on a cart (Gymnasium
/// `InvertedDoublePendulumEnv`, v4 and v5).
///
/// Observation: cart position, sin and cos of both pole angles, `qvel` clipped to ±10, and
/// `qfrc_constraint` clipped to ±10 — all three entries in v4 (11 wide), only the cart's in v5
/// (9 wide; the poles' were always 0). Reward, from the tip site `(x, _, y) = site_xpos[0]`
/// after the step: `alive − (0.01 x² + (y − 2)²) − (10⁻³ v₁² + 5·10⁻³ v₂²)` with
/// `v = qvel[1...2]`, where `alive` is `healthyReward` (10) on every step in v4 and on every
/// step that does not terminate in v5. Terminates when `y ≤ 1`. Reset: `qpos0 +
/// U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
public struct InvertedDoublePendulum: MuJoCoTask {
    /// The family name.
    public static let name = "InvertedDoublePendulum"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/inverted_double_pendulum.xml (both versions).
    public let modelName = "inverted_double_pendulum"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s); `frame_skip` in v5.
    public var frameSkip = 5
    /// The alive bonus (an argument in v5).
    public var healthyReward = 10.0
    /// Half-width of the uniform noise on `qpos`, standard deviation of that on `qvel` (v5 argument).
    public var resetNoiseScale = 0.1
    private var tip = 0

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// v5's keyword arguments (v4 takes none).
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        guard version == .v5 else { return }
        try arguments.read("frame_skip", into: &frameSkip)
        try arguments.read("healthy_reward", into: &healthyReward)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
    }

    /// x (1), sin (2), cos (2), `qvel` (3), constraint forces (3 in v4, 1 in v5).
    public var observationCount: Int { version == .v4 ? 11 : 9 }

    /// Looks up the tip site.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        tip = try simulation.siteIndex("tip")
    }

    /// `qpos0 + U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setNormallyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// The alive bonus minus the tip's distance from upright and the poles' velocity penalty.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        simulation.step(control: action)
        let tipPosition = simulation.sitePosition(tip)
        let x = tipPosition.x, y = tipPosition.z
        let terminated = y <= 1
        let distancePenalty = 0.01 * (x * x) + (y - 2) * (y - 2)
        let v1 = simulation.velocity(1), v2 = simulation.velocity(2)
        let velocityPenalty = 1e-3 * (v1 * v1) + 5e-3 * (v2 * v2)
        let aliveBonus = version == .v5 && terminated ? 0 : healthyReward
        return (aliveBonus - distancePenalty - velocityPenalty, terminated)
    }

    /// x, sin(θ₁), sin(θ₂), cos(θ₁), cos(θ₂), clipped `qvel`, clipped `qfrc_constraint`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        let angles = [simulation.position(1), simulation.position(2)]
        observation[0] = simulation.position(0)
        observation[1] = sin(angles[0])
        observation[2] = sin(angles[1])
        observation[3] = cos(angles[0])
        observation[4] = cos(angles[1])
        for index in 0..<3 { observation[5 + index] = clip(simulation.velocity(index), -10, 10) }
        for index in 0..<(version == .v4 ? 3 : 1) { observation[8 + index] = clip(simulation.constraintForce(index), -10, 10) }
    }
}
#endif
