#if MuJoCo
import Environments

/// HalfCheetah: make a planar cheetah run forward (Gymnasium `HalfCheetahEnv`, v4 and v5, which
/// have the same dynamics and reward).
///
/// Observation (17): `qpos[1...]` (`qpos[0]` too when `excludeCurrentPositions` is false) and
/// `qvel`, unclipped. Reward: `forwardRewardWeight · Δx/dt − controlCostWeight · ‖a‖²`. Never
/// terminates. Reset: `qpos0` plus U(±resetNoiseScale), velocities `resetNoiseScale · N(0, 1)`.
public struct HalfCheetah: MuJoCoTask {
    /// The family name.
    public static let name = "HalfCheetah"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/half_cheetah.xml (both versions).
    public let modelName = "half_cheetah"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s); `frame_skip` in v5.
    public var frameSkip = 5
    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 0.1
    /// Half-width of the uniform noise on `qpos`, and standard deviation of the noise on `qvel`.
    public var resetNoiseScale = 0.1
    /// Leave the forward position `qpos[0]` out of the observation.
    public var excludeCurrentPositions = true

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// Gymnasium's keyword arguments of `HalfCheetahEnv`.
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        if version == .v5 { try arguments.read("frame_skip", into: &frameSkip) }
        try arguments.read("forward_reward_weight", into: &forwardRewardWeight)
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try arguments.read("exclude_current_positions_from_observation", into: &excludeCurrentPositions)
    }

    /// `qpos[1...]` (8) and `qvel` (9), plus `qpos[0]` when it is included.
    public var observationCount: Int { excludeCurrentPositions ? 17 : 18 }

    /// Nothing to look up: the cheetah is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setNormallyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// Forward progress of `qpos[0]` over dt minus the control cost; never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let reward = forwardRewardWeight * xVelocity - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, false)
    }

    /// `qpos[1...]`, then `qvel`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writeStateObservation(simulation, into: &observation, skippedPositions: excludeCurrentPositions ? 1 : 0)
    }
}
#endif
