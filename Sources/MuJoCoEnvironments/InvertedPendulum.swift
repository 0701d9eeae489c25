#if MuJoCo
import DenseLinearAlgebra

/// InvertedPendulum-v4: keep a pole upright on a cart (Gymnasium `InvertedPendulumEnv`, v4).
///
/// Observation (4): `qpos` (cart position, pole angle) and `qvel`. Reward 1 every step.
/// Terminates when the observation is not finite or `|pole angle| > 0.2`. Reset: `qpos0` and
/// zero velocity plus U(±0.01). Actions in [−3, 3].
public struct InvertedPendulum: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "InvertedPendulum-v4"
    /// The MJCF file, Models/inverted_pendulum.xml.
    public static let modelName = "inverted_pendulum"
    /// Two 20 ms physics steps per environment step (dt = 0.04 s).
    public static let frameSkip = 2
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// Half-width of the uniform reset noise (fixed in Gymnasium v4).
    public var resetNoiseScale = 0.01

    /// Gymnasium's defaults.
    public init() {}

    /// `qpos` (2) and `qvel` (2).
    public var observationCount: Int { 4 }

    /// Nothing to look up: the pendulum is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±0.01)`, `U(±0.01)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: resetNoiseScale, random: &random)
        let qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: resetNoiseScale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// Reward 1; terminates when the pole tips past 0.2 rad or the state is not finite.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        simulation.step(control: action)
        let finite = simulation.positions.allSatisfy(\.isFinite) && simulation.velocities.allSatisfy(\.isFinite)
        return (1.0, !finite || abs(simulation.position(1)) > 0.2)
    }

    /// `qpos`, then `qvel`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        observation[0] = simulation.position(0)
        observation[1] = simulation.position(1)
        observation[2] = simulation.velocity(0)
        observation[3] = simulation.velocity(1)
    }
}
#endif
