#if MuJoCo
import DenseLinearAlgebra

/// Hopper-v4: make a one-legged planar robot hop forward (Gymnasium `HopperEnv`, v4).
///
/// Observation (11): `qpos[1...]` (height, angle, three joint angles) and `qvel` clipped to
/// ±10. Reward: `forwardRewardWeight · Δx/dt + healthyReward − controlCostWeight · ‖a‖²`.
/// Terminates when unhealthy: any of `(qpos[2...], qvel)` outside `healthyStateRange`, the
/// height `qpos[1]` outside `healthyZRange`, or the angle `qpos[2]` outside `healthyAngleRange`
/// (all open intervals). Reset: `qpos0` and zero velocity plus U(±resetNoiseScale).
public struct Hopper: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "Hopper-v4"
    /// The MJCF file, Models/hopper.xml.
    public static let modelName = "hopper"
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

    /// Gymnasium's defaults.
    public init() {}

    /// `qpos[1...]` (5) and `qvel` (6).
    public var observationCount: Int { 11 }

    /// Nothing to look up: the hopper is read through `qpos` and `qvel`.
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
        let healthy = isHealthy(simulation)
        let healthyBonus = (healthy || terminateWhenUnhealthy) ? healthyReward : 0
        let rewards = forwardRewardWeight * xVelocity + healthyBonus
        let reward = rewards - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, terminateWhenUnhealthy && !healthy)
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
        writePlanarObservation(simulation, into: &observation, velocityLimit: 10)
    }
}

/// The observation of the planar walkers: `qpos[1...]` then `qvel`, clipped to ±`velocityLimit`
/// when given (Hopper, Walker2d) and unclipped otherwise (HalfCheetah).
func writePlanarObservation(_ simulation: MuJoCoSimulation, into observation: inout [Double], velocityLimit: Double?) {
    var slot = 0
    for index in 1..<simulation.positionCount {
        observation[slot] = simulation.position(index)
        slot += 1
    }
    for index in 0..<simulation.velocityCount {
        let value = simulation.velocity(index)
        observation[slot] = velocityLimit.map { clip(value, -$0, $0) } ?? value
        slot += 1
    }
}

/// NumPy's `clip`: `min(max(value, low), high)`, passing NaN through.
@inline(__always)
func clip(_ value: Double, _ low: Double, _ high: Double) -> Double {
    value < low ? low : (value > high ? high : value)
}
#endif
