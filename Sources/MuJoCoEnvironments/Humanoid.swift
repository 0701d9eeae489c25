#if MuJoCo
import Environments

/// Humanoid: make a 3D biped walk forward without falling (Gymnasium `HumanoidEnv`, v4 and v5).
///
/// Observation: see `HumanoidObservation` (376 in v4, 348 in v5). Reward:
/// `forwardRewardWeight · Δx_com/dt + healthy − controlCostWeight · ‖ctrl‖²` (the centre of mass
/// of all bodies, the controls as written), and in v5 also the contact cost
/// `clip(contactCostWeight · ‖cfrc_ext‖², contactCostRange)`; v4 pays `healthyReward` on every
/// step while `terminateWhenUnhealthy`, v5 only while healthy. Terminates when the torso height
/// `qpos[2]` leaves the open `healthyZRange`. Reset: U(±resetNoiseScale) on `qpos0` and zero
/// velocity.
public struct Humanoid: HumanoidTask {
    /// The family name.
    public static let name = "Humanoid"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/humanoid.xml (both versions).
    public let modelName = "humanoid"
    /// Five 3 ms physics steps per environment step (dt = 0.015 s); `frame_skip` in v5.
    public var frameSkip = 5
    /// Weight of the centre of mass's forward velocity.
    public var forwardRewardWeight = 1.25
    /// Weight of the squared controls.
    public var controlCostWeight = 0.1
    /// v5: weight of the squared external forces.
    public var contactCostWeight = 5e-7
    /// v5: bounds of the contact cost.
    public var contactCostRange = (-Double.infinity, 10.0)
    /// Reward for every healthy step (v4: for every step while `terminateWhenUnhealthy`).
    public var healthyReward = 5.0
    /// End the episode when the humanoid falls.
    public var terminateWhenUnhealthy = true
    /// Open bounds on the torso height `qpos[2]`.
    public var healthyZRange = (1.0, 2.0)
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 1e-2
    /// What the observation holds.
    public var observation: HumanoidObservation

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) {
        self.version = version
        observation = HumanoidObservation(version: version)
    }

    /// Gymnasium's keyword arguments of `HumanoidEnv`.
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        if version == .v5 {
            try arguments.read("frame_skip", into: &frameSkip)
            try arguments.read("contact_cost_weight", into: &contactCostWeight)
            try arguments.read("contact_cost_range", into: &contactCostRange)
        }
        try arguments.read("forward_reward_weight", into: &forwardRewardWeight)
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("healthy_reward", into: &healthyReward)
        try arguments.read("terminate_when_unhealthy", into: &terminateWhenUnhealthy)
        try arguments.read("healthy_z_range", into: &healthyZRange)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try observation.configure(&arguments, positionsOption: true)
    }

    /// The centre of mass's forward progress, the healthy reward and the costs.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let before = simulation.massCenter().x
        simulation.step(control: action)
        let xVelocity = (simulation.massCenter().x - before) / simulation.stepDuration
        let z = simulation.position(2)
        let healthy = healthyZRange.0 < z && z < healthyZRange.1
        let paid = version == .v4 ? (healthy || terminateWhenUnhealthy) : healthy
        let rewards = forwardRewardWeight * xVelocity + (paid ? healthyReward : 0)
        var costs = float64QuadraticCost(weight: controlCostWeight, simulation.controls)
        if version == .v5 {
            let contact = float64QuadraticCost(weight: contactCostWeight, Array(simulation.externalForceValues))
            costs += clip(contact, contactCostRange.0, contactCostRange.1)
        }
        return (rewards - costs, terminateWhenUnhealthy && !healthy)
    }
}
#endif
