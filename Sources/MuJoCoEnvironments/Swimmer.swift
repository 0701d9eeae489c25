#if MuJoCo
import DenseLinearAlgebra

/// Swimmer-v4: make a three-link swimmer move forward in a viscous fluid (Gymnasium
/// `SwimmerEnv`, v4).
///
/// Observation (8): `qpos[2...]` (heading and two joint angles) and `qvel`. Reward:
/// `forwardRewardWeight · Δx/dt − controlCostWeight · ‖a‖²`. Never terminates. Reset: `qpos0`
/// and zero velocity plus U(±resetNoiseScale).
public struct Swimmer: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "Swimmer-v4"
    /// The MJCF file, Models/swimmer.xml.
    public static let modelName = "swimmer"
    /// Four 10 ms physics steps per environment step (dt = 0.04 s).
    public static let frameSkip = 4
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 1e-4
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    public var resetNoiseScale = 0.1

    /// Gymnasium's defaults.
    public init() {}

    /// `qpos[2...]` (3) and `qvel` (5).
    public var observationCount: Int { 8 }

    /// Nothing to look up: the swimmer is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: resetNoiseScale, random: &random)
        let qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: resetNoiseScale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// Progress of `qpos[0]` over dt minus the control cost; never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let reward = forwardRewardWeight * xVelocity - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, false)
    }

    /// `qpos[2...]`, then `qvel`.
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
    }
}
#endif
