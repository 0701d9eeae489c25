#if MuJoCo
import DenseLinearAlgebra

/// What makes a Gymnasium MuJoCo environment more than its model: the start-state noise, the
/// reward, the termination rule and the observation (the subclass of Gymnasium's `MujocoEnv`).
///
/// `MuJoCoEnvironment` owns the engine and the random stream and calls these hooks. Each
/// requirement mirrors a Gymnasium method, and must call the engine exactly where Gymnasium does,
/// so that trajectories agree with Gymnasium's to rounding.
public protocol MuJoCoTask: Sendable {
    /// The Gymnasium id, e.g. "Hopper-v4".
    static var id: String { get }
    /// The MJCF file in the package's Models folder, without ".xml".
    static var modelName: String { get }
    /// Physics steps per environment step (Gymnasium's `frame_skip`).
    static var frameSkip: Int { get }
    /// Gymnasium's `max_episode_steps`, for the TimeLimit wrapper (the task never truncates).
    static var maxEpisodeSteps: Int { get }

    /// The task with Gymnasium's default arguments.
    init()

    /// The width of the observation vector (valid after `prepare`).
    var observationCount: Int { get }

    /// Called once with the compiled model: looks up the bodies and sites the task reads.
    mutating func prepare(_ simulation: MuJoCoSimulation) throws

    /// Draws a start state around `qpos0` and sets it (Gymnasium's `reset_model`, after
    /// `mj_resetData`, without returning the observation).
    func resetModel(_ simulation: MuJoCoSimulation, random: inout RandomStream) throws

    /// Advances the simulation by one environment step with `action` (via
    /// `simulation.step(control:)`) and returns the reward and whether the episode terminated
    /// (Gymnasium's `step`).
    func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool)

    /// Writes the float64 observation of the current state (Gymnasium's `_get_obs`).
    func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double])
}

// MARK: - Reset noise, as Gymnasium draws it

extension MuJoCoTask {
    /// `base + U(−scale, scale)` per coordinate (NumPy's `uniform(low, high, size)`).
    static func uniformNoise(around base: [Double], scale: Double, random: inout RandomStream) -> [Double] {
        base.map { $0 + random.nextUniform(low: -scale, high: scale) }
    }

    /// `base + scale · N(0, 1)` per coordinate (NumPy's `scale * standard_normal(size)`).
    static func normalNoise(around base: [Double], scale: Double, random: inout RandomStream) -> [Double] {
        base.map { $0 + scale * random.nextNormal() }
    }

    /// Zero velocities, Gymnasium's `init_qvel`.
    static func restVelocities(_ simulation: MuJoCoSimulation) -> [Double] {
        [Double](repeating: 0, count: simulation.velocityCount)
    }
}
#endif
