#if MuJoCo
import Environments

/// HumanoidStandup: make a humanoid lying on its back stand up (Gymnasium `HumanoidStandupEnv`,
/// v4 and v5).
///
/// Observation: see `HumanoidObservation` (376 in v4, 348 in v5). Reward:
/// `qpos[2] / timestep − controlCostWeight · ‖ctrl‖² − clip(impactCostWeight · ‖cfrc_ext‖²,
/// impactCostRange) + 1` (v4 takes no arguments: the defaults). Never terminates. Reset: U(±resetNoiseScale) on `qpos0` and zero velocity.
public struct HumanoidStandup: HumanoidTask {
    /// The family name.
    public static let name = "HumanoidStandup"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/humanoidstandup.xml (both versions).
    public let modelName = "humanoidstandup"
    /// Five 3 ms physics steps per environment step (dt = 0.015 s); `frame_skip` in v5.
    public var frameSkip = 5
    /// v5's `uph_cost_weight`: accepted, and, as in Gymnasium 1.4.0, not applied to the reward.
    public var upHeightWeight = 1.0
    /// Weight of the squared controls.
    public var controlCostWeight = 0.1
    /// Weight of the squared external forces.
    public var impactCostWeight = 0.5e-6
    /// Bounds of the impact cost.
    public var impactCostRange = (-Double.infinity, 10.0)
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 1e-2
    /// What the observation holds.
    public var observation: HumanoidObservation

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) {
        self.version = version
        observation = HumanoidObservation(version: version)
    }

    /// v5's keyword arguments (v4 takes none).
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        guard version == .v5 else { return }
        try arguments.read("frame_skip", into: &frameSkip)
        try arguments.read("uph_cost_weight", into: &upHeightWeight)
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("impact_cost_weight", into: &impactCostWeight)
        try arguments.read("impact_cost_range", into: &impactCostRange)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try observation.configure(&arguments, positionsOption: false)
    }

    /// The height reward minus the control and impact costs, plus 1; never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        simulation.step(control: action)
        let upHeight = (simulation.position(2) - 0) / simulation.timestep
        let control = float64QuadraticCost(weight: controlCostWeight, simulation.controls)
        let impact = clip(
            float64QuadraticCost(weight: impactCostWeight, Array(simulation.externalForceValues)),
            impactCostRange.0, impactCostRange.1)
        return (upHeight - control - impact + 1, false)
    }
}
#endif
