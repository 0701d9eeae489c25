#if MuJoCo
import DenseLinearAlgebra

/// Walker2d-v4: make a planar biped walk forward (Gymnasium `Walker2dEnv`, v4).
///
/// Observation (17): `qpos[1...]` and `qvel` clipped to ±10. Reward:
/// `forwardRewardWeight · Δx/dt + healthyReward − controlCostWeight · ‖a‖²`. Terminates when
/// the height `qpos[1]` leaves `healthyZRange` or the angle `qpos[2]` leaves `healthyAngleRange`
/// (open intervals). Reset: `qpos0` and zero velocity plus U(±resetNoiseScale).
public struct Walker2d: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "Walker2d-v4"
    /// The MJCF file, Models/walker2d.xml.
    public static let modelName = "walker2d"
    /// Four 2 ms physics steps per environment step (dt = 0.008 s).
    public static let frameSkip = 4
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 1e-3
    /// Reward for every step while healthy (always paid when `terminateWhenUnhealthy`).
    public var healthyReward = 1.0
    /// End the episode when the walker becomes unhealthy.
    public var terminateWhenUnhealthy = true
    /// Open bounds on the torso height `qpos[1]`.
    public var healthyZRange = (0.8, 2.0)
    /// Open bounds on the torso angle `qpos[2]`.
    public var healthyAngleRange = (-1.0, 1.0)
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 5e-3

    /// Gymnasium's defaults.
    public init() {}

    /// `qpos[1...]` (8) and `qvel` (9).
    public var observationCount: Int { 17 }

    /// Nothing to look up: the walker is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: resetNoiseScale, random: &random)
        let qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: resetNoiseScale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// Forward progress of `qpos[0]` over dt, plus the healthy reward, minus the control cost.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let z = simulation.position(1), angle = simulation.position(2)
        let healthy = healthyZRange.0 < z && z < healthyZRange.1
            && healthyAngleRange.0 < angle && angle < healthyAngleRange.1
        let healthyBonus = (healthy || terminateWhenUnhealthy) ? healthyReward : 0
        let rewards = forwardRewardWeight * xVelocity + healthyBonus
        let reward = rewards - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, terminateWhenUnhealthy && !healthy)
    }

    /// `qpos[1...]`, then `qvel` clipped to ±10.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writePlanarObservation(simulation, into: &observation, velocityLimit: 10)
    }
}
#endif
