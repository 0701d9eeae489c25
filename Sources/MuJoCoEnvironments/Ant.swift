#if MuJoCo
import DenseLinearAlgebra

/// Ant-v4: make a four-legged robot walk forward (Gymnasium `AntEnv`, v4).
///
/// Observation (27): `qpos[2...]` (torso height, orientation quaternion, eight joint angles) and
/// `qvel`; with `useContactForces`, also `cfrc_ext` of every body clipped to
/// `contactForceRange` (84 more). Reward: the torso's x velocity (from its frame position
/// `xpos`) plus `healthyReward`, minus `controlCostWeight · ‖a‖²`, minus
/// `contactCostWeight · ‖clip(cfrc_ext)‖²` with `useContactForces`. Terminates when the state is
/// not finite or the torso height leaves `healthyZRange` (closed interval). Reset: `qpos0` plus
/// U(±resetNoiseScale), velocities `resetNoiseScale · N(0, 1)`.
public struct Ant: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "Ant-v4"
    /// The MJCF file, Models/ant.xml.
    public static let modelName = "ant"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s).
    public static let frameSkip = 5
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 0.5
    /// Observe the contact forces and charge for them (Gymnasium's `use_contact_forces`).
    public var useContactForces = false
    /// Weight of the squared clipped contact forces in the cost.
    public var contactCostWeight = 5e-4
    /// Reward for every step while healthy (always paid when `terminateWhenUnhealthy`).
    public var healthyReward = 1.0
    /// End the episode when the ant becomes unhealthy.
    public var terminateWhenUnhealthy = true
    /// Closed bounds on the torso height `qpos[2]`.
    public var healthyZRange = (0.2, 1.0)
    /// Bounds each contact force is clipped to.
    public var contactForceRange = (-1.0, 1.0)
    /// Half-width of the uniform noise on `qpos`, and standard deviation of the noise on `qvel`.
    public var resetNoiseScale = 0.1

    private var torso = 0
    private var bodyCount = 0

    /// Gymnasium's defaults.
    public init() {}

    /// 27, plus `6 × bodies` (84) with `useContactForces`.
    public var observationCount: Int { 27 + (useContactForces ? 6 * bodyCount : 0) }

    /// Looks up the torso, whose frame position measures progress.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        torso = try simulation.bodyIndex("torso")
        bodyCount = simulation.bodyCount
    }

    /// `qpos0 + U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: resetNoiseScale, random: &random)
        let qvel = Self.normalNoise(around: Self.restVelocities(simulation), scale: resetNoiseScale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// Torso x progress over dt plus the healthy reward, minus the control (and contact) cost.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xBefore = simulation.bodyPosition(torso).x
        simulation.step(control: action)
        let xVelocity = (simulation.bodyPosition(torso).x - xBefore) / simulation.stepDuration
        let healthy = isHealthy(simulation)
        let rewards = xVelocity + ((healthy || terminateWhenUnhealthy) ? healthyReward : 0)
        var costs = float32ControlCost(weight: controlCostWeight, action: action)
        if useContactForces {
            let forces = clippedContactForces(simulation)
            costs += contactCostWeight * numpySum(forces.map { $0 * $0 })
        }
        return (rewards - costs, terminateWhenUnhealthy && !healthy)
    }

    /// Gymnasium's `is_healthy`: a finite state and `min ≤ qpos[2] ≤ max`.
    func isHealthy(_ simulation: MuJoCoSimulation) -> Bool {
        for index in 0..<simulation.positionCount where !simulation.position(index).isFinite { return false }
        for index in 0..<simulation.velocityCount where !simulation.velocity(index).isFinite { return false }
        let z = simulation.position(2)
        return healthyZRange.0 <= z && z <= healthyZRange.1
    }

    func clippedContactForces(_ simulation: MuJoCoSimulation) -> [Double] {
        simulation.externalForces.map { clip($0, contactForceRange.0, contactForceRange.1) }
    }

    /// `qpos[2...]`, `qvel`, and with `useContactForces` the clipped `cfrc_ext`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        var slot = 0
        for index in 2..<simulation.positionCount {
            observation[slot] = simulation.position(index)
            slot += 1
        }
        for index in 0..<simulation.velocityCount {
            observation[slot] = simulation.velocity(index)
            slot += 1
        }
        guard useContactForces else { return }
        for force in clippedContactForces(simulation) {
            observation[slot] = force
            slot += 1
        }
    }
}
#endif
