#if MuJoCo
import Environments

/// Ant: make a four-legged robot walk forward (Gymnasium `AntEnv`, v4 and v5).
///
/// Observation: `qpos[2...]` (13; the planar position too when `excludeCurrentPositions` is
/// false) and `qvel` (14), then the contact forces `cfrc_ext` clipped to `contactForceRange`:
/// in v4 of every body when `useContactForces` (84 more), in v5 of every body but the world
/// when `includeContactForcesInObservation` (78 more, on by default). Reward: torso x velocity
/// · `forwardRewardWeight` + healthy − `controlCostWeight · ‖a‖²` − contact cost, where the
/// contact cost `contactCostWeight · ‖clipped cfrc_ext‖²` is charged in v4 only with
/// `useContactForces` and always in v5, and healthy is `healthyReward` on every step while
/// `terminateWhenUnhealthy` in v4, on healthy steps in v5. Terminates when unhealthy: a
/// non-finite state or the torso height `qpos[2]` outside the closed `healthyZRange`. Reset:
/// `qpos0 + U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
public struct Ant: MuJoCoTask {
    /// The family name.
    public static let name = "Ant"
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// The version whose rules apply.
    public let version: GymnasiumVersion
    /// The MJCF file, Models/ant.xml (both versions).
    public let modelName = "ant"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s); `frame_skip` in v5.
    public var frameSkip = 5
    /// Weight of the forward velocity in the reward (an argument in v5).
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 0.5
    /// v4: add the contact forces to the observation and the contact cost to the reward.
    public var useContactForces = false
    /// v5: add the contact forces of the bodies (not the world) to the observation.
    public var includeContactForcesInObservation = true
    /// Weight of the squared clipped contact forces in the cost.
    public var contactCostWeight = 5e-4
    /// Reward for every healthy step (v4: for every step while `terminateWhenUnhealthy`).
    public var healthyReward = 1.0
    /// End the episode when the ant becomes unhealthy.
    public var terminateWhenUnhealthy = true
    /// Closed bounds on the torso height `qpos[2]`.
    public var healthyZRange = (0.2, 1.0)
    /// Bounds each contact-force coordinate is clipped to.
    public var contactForceRange = (-1.0, 1.0)
    /// Half-width of the uniform noise on `qpos`, and standard deviation of the noise on `qvel`.
    public var resetNoiseScale = 0.1
    /// Leave the planar position `qpos[0...1]` out of the observation.
    public var excludeCurrentPositions = true

    private var torso = 0
    private var bodyCount = 0

    /// Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// Gymnasium's keyword arguments of `AntEnv` (`main_body` and `xml_file` are not offered).
    public mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws {
        if version == .v5 {
            try arguments.read("frame_skip", into: &frameSkip)
            try arguments.read("forward_reward_weight", into: &forwardRewardWeight)
            try arguments.read("include_cfrc_ext_in_observation", into: &includeContactForcesInObservation)
        } else {
            try arguments.read("use_contact_forces", into: &useContactForces)
        }
        try arguments.read("ctrl_cost_weight", into: &controlCostWeight)
        try arguments.read("contact_cost_weight", into: &contactCostWeight)
        try arguments.read("healthy_reward", into: &healthyReward)
        try arguments.read("terminate_when_unhealthy", into: &terminateWhenUnhealthy)
        try arguments.read("healthy_z_range", into: &healthyZRange)
        try arguments.read("contact_force_range", into: &contactForceRange)
        try arguments.read("reset_noise_scale", into: &resetNoiseScale)
        try arguments.read("exclude_current_positions_from_observation", into: &excludeCurrentPositions)
    }

    /// The bodies whose contact forces the observation holds (0 when it holds none).
    var observedForceBodies: Int {
        switch version {
        case .v4: useContactForces ? bodyCount : 0
        case .v5: includeContactForcesInObservation ? bodyCount - 1 : 0
        }
    }

    /// `qpos[2...]` (13), `qvel` (14), the planar position (2) if included, forces (6 per body).
    public var observationCount: Int { (excludeCurrentPositions ? 27 : 29) + 6 * observedForceBodies }

    /// Looks up the torso, whose frame position measures the forward progress.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        torso = try simulation.bodyIndex("torso")
        bodyCount = simulation.bodyCount
    }

    /// `qpos0 + U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setNormallyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// Forward progress of the torso frame over dt, the healthy reward, the costs.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xBefore = simulation.bodyPosition(torso).x
        simulation.step(control: action)
        let xVelocity = (simulation.bodyPosition(torso).x - xBefore) / simulation.stepDuration
        let healthy = isHealthy(simulation)
        let paid = version == .v4 ? (healthy || terminateWhenUnhealthy) : healthy
        let rewards = xVelocity * forwardRewardWeight + (paid ? healthyReward : 0)
        var costs = float32ControlCost(weight: controlCostWeight, action: action)
        if version == .v5 || useContactForces {
            let forces = clippedContactForces(simulation)
            costs += contactCostWeight * numpySum(forces.map { $0 * $0 })
        }
        return (rewards - costs, terminateWhenUnhealthy && !healthy)
    }

    /// Gymnasium's `is_healthy`: a finite state and `min_z ≤ qpos[2] ≤ max_z`.
    func isHealthy(_ simulation: MuJoCoSimulation) -> Bool {
        for index in 0..<simulation.positionCount where !simulation.position(index).isFinite { return false }
        for index in 0..<simulation.velocityCount where !simulation.velocity(index).isFinite { return false }
        let z = simulation.position(2)
        return healthyZRange.0 <= z && z <= healthyZRange.1
    }

    /// `np.clip(cfrc_ext, *contactForceRange)`, every body, flattened.
    func clippedContactForces(_ simulation: MuJoCoSimulation) -> [Double] {
        simulation.externalForces.map { clip($0, contactForceRange.0, contactForceRange.1) }
    }

    /// The positions and velocities, then the clipped contact forces of the observed bodies.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        var slot = writeStateObservation(simulation, into: &observation, skippedPositions: excludeCurrentPositions ? 2 : 0)
        let bodies = observedForceBodies
        guard bodies > 0 else { return }
        let forces = clippedContactForces(simulation)
        for force in forces[(forces.count - 6 * bodies)...] {
            observation[slot] = force
            slot += 1
        }
    }
}
#endif
