#if MuJoCo
import Environments

/// An environment simulated by MuJoCo, whose physical state can be read and set.
///
/// `trpo rollout` reads `positions` and `velocities` before each step; tests and tools start
/// episodes from given states with `reset(positions:velocities:)`.
public protocol PhysicsEnvironment: Environment {
    /// The Gymnasium id, e.g. "Hopper-v5".
    var id: String { get }
    /// The generalized coordinates `qpos` of the current state.
    var positions: [Double] { get }
    /// The generalized velocities `qvel` of the current state.
    var velocities: [Double] { get }
    /// The float64 observation of the current state, before the cast to `Float`.
    func observationValues() -> [Double]
    /// Starts an episode from exactly this state, without reset noise (Gymnasium's `reset`
    /// with `reset_model` replaced by `set_state(qpos, qvel)`), and returns its observation.
    func reset(positions: [Double], velocities: [Double]) throws -> [Float]
}

/// A Gymnasium MuJoCo environment (v4 or v5): the engine, `np_random` and a `MuJoCoTask`.
///
/// Observations are computed in float64, as Gymnasium's, and cast to `Float` at the end. There
/// is no time limit: wrap it with `maxEpisodeSteps` from `MuJoCoEnvironments`.
public final class MuJoCoEnvironment<Task: MuJoCoTask>: PhysicsEnvironment {
    /// The engine: model, data and frame skip.
    public let simulation: MuJoCoSimulation
    /// The task: noise, reward, termination and observation.
    public let task: Task
    /// The stream the reset noise is drawn from: Gymnasium's `np_random`, NumPy's `Generator(PCG64)`.
    public internal(set) var random: EpisodeRandomness
    /// An unbounded box as wide as the observation (Gymnasium's `Box(-inf, inf)`).
    public let observationSpace: Space
    /// The actuators' control ranges (Gymnasium's `Box` from `actuator_ctrlrange`).
    public let actionSpace: Space
    private var observationBuffer: [Double]

    /// Loads the task's model and prepares the task; `seed` starts the random stream (as
    /// `reset(seed:)` would), which a seeded `reset` replaces.
    public init(task: Task = Task(), seed: UInt64 = 0) throws {
        let simulation = try MuJoCoSimulation(modelName: task.modelName, frameSkip: task.frameSkip)
        var task = task
        try task.prepare(simulation)
        self.simulation = simulation
        self.task = task
        random = EpisodeRandomness(seed: seed)
        observationBuffer = [Double](repeating: 0, count: task.observationCount)
        let width = task.observationCount
        observationSpace = .box(
            low: [Float](repeating: -.infinity, count: width), high: [Float](repeating: .infinity, count: width))
        actionSpace = .box(
            low: simulation.controlRange.map { Float($0.lower) }, high: simulation.controlRange.map { Float($0.upper) })
    }

    /// The Gymnasium id, e.g. "Hopper-v5".
    public var id: String { task.id }
    /// `qpos` of the current state.
    public var positions: [Double] { simulation.positions }
    /// `qvel` of the current state.
    public var velocities: [Double] { simulation.velocities }

    /// Gymnasium's `reset`: `mj_resetData`, then the task's noisy start state.
    public func reset(seed: UInt64?) throws -> [Float] {
        if let seed { random = EpisodeRandomness(seed: seed) }
        simulation.resetData()
        try task.resetModel(simulation, random: &random)
        return currentObservation()
    }

    /// Starts an episode from exactly this state: `mj_resetData`, then `set_state`.
    public func reset(positions: [Double], velocities: [Double]) throws -> [Float] {
        simulation.resetData()
        try simulation.setState(positions: positions, velocities: velocities)
        return currentObservation()
    }

    /// Applies a continuous action for `frameSkip` physics steps (Gymnasium's `step`).
    ///
    /// The action is not clipped, as in Gymnasium: MuJoCo clamps the control, and the control
    /// cost uses the action as given.
    public func step(_ action: Action) throws -> StepResult {
        guard case .continuous(let values) = action, values.count == simulation.actuatorCount else {
            throw MuJoCoError.invalidAction(
                environment: task.id, expected: "\(simulation.actuatorCount) continuous values",
                got: "\(action)")
        }
        let (reward, terminated) = task.step(simulation, action: values)
        return StepResult(
            observation: currentObservation(), reward: reward, terminated: terminated, truncated: false)
    }

    /// The float64 observation of the current state.
    public func observationValues() -> [Double] {
        task.observe(simulation, into: &observationBuffer)
        return observationBuffer
    }

    private func currentObservation() -> [Float] {
        task.observe(simulation, into: &observationBuffer)
        return observationBuffer.map { Float($0) }
    }
}
#endif
