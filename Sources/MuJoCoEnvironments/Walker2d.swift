#if MuJoCo
import Environments

/// Walker2d: make a planar biped walk forward (Gymnasium `Walker2dEnv`, v4 and v5).
///
/// Observation (17): `qpos[1...]` (`qpos[0]` too when `excludeCurrentPositions` is false) and
/// `qvel` clipped to ±10. Reward: `forwardRewardWeight · Δx/dt + healthy − controlCostWeight ·
/// ‖a‖²`; v4 pays `healthyReward` on every step while `terminateWhenUnhealthy`, v5 only while
/// healthy. Terminates when the height `qpos[1]` leaves `healthyZRange` or the angle `qpos[2]`
/// leaves `healthyAngleRange` (open intervals). Reset: U(±resetNoiseScale) on `qpos0` and zero
/// velocity. v5's model gives both feet friction 1.9 (v4's: right 0.9, left 1.9).
public struct Walker2d: MuJoCoTask {
    /// The family name.
    public static let name = "Walker2d"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// Four 2 ms physics steps per environment step (dt = 0.008 s); `frame_skip` in v5.
    public var frameSkip = 4
    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 1e-3
    /// Reward for every healthy step (v4: for every step while `terminateWhenUnhealthy`).
    public var healthyReward = 1.0
    /// End the episode when the walker becomes unhealthy.
    public var terminateWhenUnhealthy = true
    /// Open bounds on the torso height `qpos[1]`.
    public var healthyZRange = (0.8, 2.0)
    /// Open bounds on the torso angle `qpos[2]`.
    public var healthyAngleRange = (-1.0, 1.0)
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 5e-3
    /// Leave the forward position `qpos[0]` out of the observation.
    public var excludeCurrentPositions = true

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// Models/walker2d.xml for v4, Models/walker2d_v5.xml for v5.
    public var modelName: String { version == .v4 ? "walker2d" : "walker2d_v5" }

    /// Gymnasium's keyword arguments of `Walker2dEnv`.
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        if version == .v5 { try arguments.read("frame_skip", into: &frameSkip) }
        try arguments.read("forward_reward_weight", into: &forwardRewardWeight)
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("healthy_reward", into: &healthyReward)
        try arguments.read("terminate_when_unhealthy", into: &terminateWhenUnhealthy)
        try arguments.read("healthy_z_range", into: &healthyZRange)
        try arguments.read("healthy_angle_range", into: &healthyAngleRange)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try arguments.read("exclude_current_positions_from_observation", into: &excludeCurrentPositions)
    }

    /// `qpos[1...]` (8) and `qvel` (9), plus `qpos[0]` when it is included.
    public var observationCount: Int { excludeCurrentPositions ? 17 : 18 }

    /// Nothing to look up: the walker is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setUniformlyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// Forward progress of `qpos[0]` over dt, plus the healthy reward, minus the control cost.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let z = simulation.position(1), angle = simulation.position(2)
        let healthy = healthyZRange.0 < z && z < healthyZRange.1
            && healthyAngleRange.0 < angle && angle < healthyAngleRange.1
        let paid = version == .v4 ? (healthy || terminateWhenUnhealthy) : healthy
        let rewards = forwardRewardWeight * xVelocity + (paid ? healthyReward : 0)
        let reward = rewards - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, terminateWhenUnhealthy && !healthy)
    }

    /// `qpos[1...]`, then `qvel` clipped to ±10.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writeStateObservation(
            simulation, into: &observation, skippedPositions: excludeCurrentPositions ? 1 : 0, velocityLimit: 10)
    }
}
#endif
