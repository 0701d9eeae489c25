#if MuJoCo
import Environments

/// Hopper: make a one-legged planar robot hop forward (Gymnasium `HopperEnv`, v4 and v5).
///
/// Observation (11): `qpos[1...]` (height, angle, three joint angles; `qpos[0]` too when
/// `excludeCurrentPositions` is false) and `qvel` clipped to ±10. Reward:
/// `forwardRewardWeight · Δx/dt + healthy − controlCostWeight · ‖a‖²`, where v4 pays
/// `healthyReward` on every step while `terminateWhenUnhealthy` and v5 only while healthy.
/// Terminates when unhealthy: any of `(qpos[2...], qvel)` outside `healthyStateRange`, the
/// height `qpos[1]` outside `healthyZRange`, or the angle `qpos[2]` outside `healthyAngleRange`
/// (all open intervals). Reset: `qpos0` and zero velocity plus U(±resetNoiseScale).
public struct Hopper: MuJoCoTask {
    /// The family name.
    public static let name = "Hopper"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/hopper.xml (both versions).
    public let modelName = "hopper"
    /// Four 2 ms physics steps per environment step (dt = 0.008 s); `frame_skip` in v5.
    public var frameSkip = 4
    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 1e-3
    /// Reward for every healthy step (v4: for every step while `terminateWhenUnhealthy`).
    public var healthyReward = 1.0
    /// End the episode when the hopper becomes unhealthy.
    public var terminateWhenUnhealthy = true
    /// Open bounds on every coordinate of `(qpos[2...], qvel)`.
    public var healthyStateRange = (-100.0, 100.0)
    /// Open bounds on the torso height `qpos[1]`.
    public var healthyZRange = (0.7, Double.infinity)
    /// Open bounds on the torso angle `qpos[2]`.
    public var healthyAngleRange = (-0.2, 0.2)
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 5e-3
    /// Leave the forward position `qpos[0]` out of the observation.
    public var excludeCurrentPositions = true

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// Gymnasium's keyword arguments of `HopperEnv`.
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        if version == .v5 { try arguments.read("frame_skip", into: &frameSkip) }
        try arguments.read("forward_reward_weight", into: &forwardRewardWeight)
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("healthy_reward", into: &healthyReward)
        try arguments.read("terminate_when_unhealthy", into: &terminateWhenUnhealthy)
        try arguments.read("healthy_state_range", into: &healthyStateRange)
        try arguments.read("healthy_z_range", into: &healthyZRange)
        try arguments.read("healthy_angle_range", into: &healthyAngleRange)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try arguments.read("exclude_current_positions_from_observation", into: &excludeCurrentPositions)
    }

    /// `qpos[1...]` (5) and `qvel` (6), plus `qpos[0]` when it is included.
    public var observationCount: Int { excludeCurrentPositions ? 11 : 12 }

    /// Nothing to look up: the hopper is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setUniformlyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// Forward progress of `qpos[0]` over dt, plus the healthy reward, minus the control cost.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let healthy = isHealthy(simulation)
        let rewards = forwardRewardWeight * xVelocity + healthyBonus(healthy: healthy)
        let reward = rewards - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, terminateWhenUnhealthy && !healthy)
    }

    /// v4 pays the healthy reward whenever unhealthy states end the episode; v5 only when healthy.
    func healthyBonus(healthy: Bool) -> Double {
        switch version {
        case .v4: (healthy || terminateWhenUnhealthy) ? healthyReward : 0
        case .v5: healthy ? healthyReward : 0
        }
    }

    /// Gymnasium's `is_healthy`; comparisons are false for NaN, so a NaN state is unhealthy.
    func isHealthy(_ simulation: MuJoCoSimulation) -> Bool {
        let (low, high) = healthyStateRange
        for index in 2..<simulation.positionCount {
            let value = simulation.position(index)
            if !(low < value && value < high) { return false }
        }
        for index in 0..<simulation.velocityCount {
            let value = simulation.velocity(index)
            if !(low < value && value < high) { return false }
        }
        let z = simulation.position(1), angle = simulation.position(2)
        return healthyZRange.0 < z && z < healthyZRange.1
            && healthyAngleRange.0 < angle && angle < healthyAngleRange.1
    }

    /// `qpos[1...]`, then `qvel` clipped to ±10.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writeStateObservation(
            simulation, into: &observation, skippedPositions: excludeCurrentPositions ? 1 : 0, velocityLimit: 10)
    }
}
#endif
