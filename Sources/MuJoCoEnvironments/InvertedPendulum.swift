#if MuJoCo
import Environments

/// InvertedPendulum: keep a pole upright on a cart (Gymnasium `InvertedPendulumEnv`, v4 and v5).
///
/// Observation (4): `qpos` (cart position, pole angle) and `qvel`. Reward: v4 pays 1 on every
/// step, v5 pays 1 on every step that does not terminate (0 on the last). Terminates when the
/// observation is not finite or `|pole angle| > 0.2`. Reset: `qpos0` and zero velocity plus
/// U(±resetNoiseScale). Actions in [−3, 3].
public struct InvertedPendulum: MuJoCoTask {
    /// The family name.
    public static let name = "InvertedPendulum"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/inverted_pendulum.xml (both versions).
    public let modelName = "inverted_pendulum"
    /// Two 20 ms physics steps per environment step (dt = 0.04 s); `frame_skip` in v5.
    public var frameSkip = 2
    /// Half-width of the uniform reset noise on `qpos` and `qvel` (an argument in v5).
    public var resetNoiseScale = 0.01

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// v5's keyword arguments (v4 takes none).
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        guard version == .v5 else { return }
        try arguments.read("frame_skip", into: &frameSkip)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
    }

    /// `qpos` (2) and `qvel` (2).
    public var observationCount: Int { 4 }

    /// Nothing to look up: the pendulum is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setUniformlyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// Steps, then terminates on a non-finite state or a pole beyond 0.2 rad.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        simulation.step(control: action)
        let finite = simulation.positions.allSatisfy(\.isFinite) && simulation.velocities.allSatisfy(\.isFinite)
        let terminated = !finite || abs(simulation.position(1)) > 0.2
        return (version == .v5 && terminated ? 0 : 1, terminated)
    }

    /// `qpos`, then `qvel`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writeStateObservation(simulation, into: &observation, skippedPositions: 0)
    }
}
#endif
