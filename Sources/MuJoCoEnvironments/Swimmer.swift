#if MuJoCo
import Environments

/// Swimmer: make a three-link swimmer move forward in a viscous fluid (Gymnasium `SwimmerEnv`,
/// v4 and v5, which have the same dynamics and reward).
///
/// Observation (8): `qpos[2...]` (the planar position `qpos[0...1]` too when
/// `excludeCurrentPositions` is false) and `qvel`. Reward: `forwardRewardWeight · Δx/dt −
/// controlCostWeight · ‖a‖²`. Never terminates. Reset: U(±resetNoiseScale) on `qpos0` and zero
/// velocity.
public struct Swimmer: MuJoCoTask {
    /// The family name.
    public static let name = "Swimmer"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/swimmer.xml (both versions).
    public let modelName = "swimmer"
    /// Four 10 ms physics steps per environment step (dt = 0.04 s); `frame_skip` in v5.
    public var frameSkip = 4
    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 1e-4
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 0.1
    /// Leave the planar position `qpos[0...1]` out of the observation.
    public var excludeCurrentPositions = true

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// Gymnasium's keyword arguments of `SwimmerEnv`.
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        if version == .v5 { try arguments.read("frame_skip", into: &frameSkip) }
        try arguments.read("forward_reward_weight", into: &forwardRewardWeight)
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try arguments.read("exclude_current_positions_from_observation", into: &excludeCurrentPositions)
    }

    /// `qpos[2...]` (3) and `qvel` (5), plus `qpos[0...1]` when they are included.
    public var observationCount: Int { excludeCurrentPositions ? 8 : 10 }

    /// Nothing to look up: the swimmer is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setUniformlyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// Forward progress of `qpos[0]` over dt minus the control cost; never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let reward = forwardRewardWeight * xVelocity - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, false)
    }

    /// `qpos[2...]`, then `qvel`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writeStateObservation(simulation, into: &observation, skippedPositions: excludeCurrentPositions ? 2 : 0)
    }
}
#endif
