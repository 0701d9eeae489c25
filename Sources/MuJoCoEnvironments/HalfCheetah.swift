#if MuJoCo
import DenseLinearAlgebra

/// HalfCheetah-v4: make a planar cheetah run forward (Gymnasium `HalfCheetahEnv`, v4).
///
/// Observation (17): `qpos[1...]` and `qvel`, unclipped. Reward:
/// `forwardRewardWeight · Δx/dt − controlCostWeight · ‖a‖²`. Never terminates. Reset: `qpos0`
/// plus U(±resetNoiseScale), velocities `resetNoiseScale · N(0, 1)`.
public struct HalfCheetah: MuJoCoTask {
    /// The Gymnasium id.
    public static let id = "HalfCheetah-v4"
    /// The MJCF file, Models/half_cheetah.xml.
    public static let modelName = "half_cheetah"
    /// Five 10 ms physics steps per environment step (dt = 0.05 s).
    public static let frameSkip = 5
    /// Gymnasium's time limit.
    public static let maxEpisodeSteps = 1000

    /// Weight of the forward velocity in the reward.
    public var forwardRewardWeight = 1.0
    /// Weight of the squared action norm in the cost.
    public var controlCostWeight = 0.1
    /// Half-width of the uniform noise on `qpos`, and standard deviation of the noise on `qvel`.
    public var resetNoiseScale = 0.1

    /// Gymnasium's defaults.
    public init() {}

    /// `qpos[1...]` (8) and `qvel` (9).
    public var observationCount: Int { 17 }

    /// Nothing to look up: the cheetah is read through `qpos` and `qvel`.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {}

    /// `qpos0 + U(±resetNoiseScale)`, velocities `resetNoiseScale · N(0, 1)`.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: resetNoiseScale, random: &random)
        let qvel = Self.normalNoise(around: Self.restVelocities(simulation), scale: resetNoiseScale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// Forward progress of `qpos[0]` over dt minus the control cost; never terminates.
    public func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool) {
        let xVelocity = simulation.stepMeasuringForwardVelocity(control: action)
        let reward = forwardRewardWeight * xVelocity - float32ControlCost(weight: controlCostWeight, action: action)
        return (reward, false)
    }

    /// `qpos[1...]`, then `qvel`.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        writePlanarObservation(simulation, into: &observation, velocityLimit: nil)
    }
}
#endif
