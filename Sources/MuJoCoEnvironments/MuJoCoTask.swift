#if MuJoCo
import Environments

/// Gymnasium's versions of its MuJoCo environments: v4, and v5 with its fixes (healthy reward only
/// when healthy, contact costs always on, no always-zero observation entries, new options).
public enum GymnasiumVersion: Int, Sendable, Hashable, CaseIterable {
    case v4 = 4
    case v5 = 5
}

/// What makes a Gymnasium MuJoCo environment more than its model: the start-state noise, the
/// reward, the termination rule and the observation (the subclass of Gymnasium's `MujocoEnv`).
///
/// `MuJoCoEnvironment` owns the engine and the random stream and calls these hooks. Each
/// requirement mirrors a Gymnasium method, and must call the engine exactly where Gymnasium does,
/// so that trajectories agree with Gymnasium's to rounding.
public protocol MuJoCoTask: Sendable {
    /// The family name, e.g. "Hopper" (the id is "Hopper-v4" or "Hopper-v5").
    static var name: String { get }
    /// Gymnasium's `max_episode_steps`, for the TimeLimit wrapper (the task never truncates).
    static var maxEpisodeSteps: Int { get }

    /// The version whose rules the task follows.
    var version: GymnasiumVersion { get }
    /// The MJCF file in the package's Models folder, without ".xml".
    var modelName: String { get }
    /// Physics steps per environment step (Gymnasium's `frame_skip`).
    var frameSkip: Int { get }

    /// The task of `version` with Gymnasium's default arguments.
    init(version: GymnasiumVersion)

    /// Reads Gymnasium's keyword arguments of this version (`reset_noise_scale`, ...).
    mutating func configure(_ arguments: inout EnvironmentArgumentReader) throws

    /// The width of the observation vector (valid after `prepare`).
    var observationCount: Int { get }

    /// Called once with the compiled model: looks up the bodies and sites the task reads.
    mutating func prepare(_ simulation: MuJoCoSimulation) throws

    /// Draws a start state around `qpos0` from `np_random` and sets it (Gymnasium's
    /// `reset_model`, after `mj_resetData`, without returning the observation).
    func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws

    /// Advances the simulation by one environment step with `action` (via
    /// `simulation.step(control:)`) and returns the reward and whether the episode terminated
    /// (Gymnasium's `step`).
    func step(_ simulation: MuJoCoSimulation, action: [Float]) -> (reward: Double, terminated: Bool)

    /// Writes the float64 observation of the current state (Gymnasium's `_get_obs`).
    func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double])
}

extension MuJoCoTask {
    /// The Gymnasium id, e.g. "Hopper-v5".
    public var id: String { "\(Self.name)-v\(version.rawValue)" }

    /// The v4 task with Gymnasium's default arguments.
    public init() { self.init(version: .v4) }

    /// The task of `version` with Gymnasium's keyword arguments, e.g. `reset_noise_scale=0.1`;
    /// throws `EnvironmentArgumentError` for an argument this version does not take or a bad value.
    public init(version: GymnasiumVersion, arguments: EnvironmentArguments) throws {
        self.init(version: version)
        var reader = EnvironmentArgumentReader(environment: id, arguments: arguments)
        try configure(&reader)
        try reader.finish()
    }
}

// MARK: - Reset noise, as Gymnasium draws it

extension MuJoCoTask {
    /// `base + np_random.uniform(−scale, scale, size)`.
    static func uniformNoise(around base: [Double], scale: Double, random: inout EpisodeRandomness) -> [Double] {
        base.map { $0 + random.uniform(low: -scale, high: scale) }
    }

    /// `base + scale · np_random.standard_normal(size)`.
    static func normalNoise(around base: [Double], scale: Double, random: inout EpisodeRandomness) -> [Double] {
        base.map { $0 + scale * random.standardNormal() }
    }

    /// Zero velocities, Gymnasium's `init_qvel`.
    static func restVelocities(_ simulation: MuJoCoSimulation) -> [Double] {
        [Double](repeating: 0, count: simulation.velocityCount)
    }
}
#endif
