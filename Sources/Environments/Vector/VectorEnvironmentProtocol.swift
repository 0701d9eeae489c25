/// What one step of a vector environment returns, Gymnasium 1.x's `(obs, rewards, terminations,
/// truncations, infos["final_obs"])` with `AutoresetMode.SAME_STEP`.
///
/// Observations are one flat row-major buffer: copy `i` occupies
/// `observations[i·observationDimension ..< (i+1)·observationDimension]`. Where copy `i`'s episode
/// ended at this step, its row is already the next episode's reset observation and the episode's
/// last observation is `finalObservations[i]` (bootstrap a truncated episode's value from it).
public struct VectorStepResult: Sendable, Hashable {
    /// The copies' observations after the step (reset observations where an episode ended), row-major.
    public var observations: [Float]
    /// The length of one copy's observation.
    public var observationDimension: Int
    /// Each copy's reward.
    public var rewards: [Double]
    /// Whether each copy's episode reached a terminal state.
    public var terminated: [Bool]
    /// Whether each copy's episode was cut by a time limit.
    public var truncated: [Bool]
    /// For each copy whose episode ended at this step, the last observation of that episode.
    public var finalObservations: [[Float]?]

    /// A step result from its parts.
    public init(
        observations: [Float], observationDimension: Int, rewards: [Double], terminated: [Bool], truncated: [Bool],
        finalObservations: [[Float]?]
    ) {
        self.observations = observations
        self.observationDimension = observationDimension
        self.rewards = rewards
        self.terminated = terminated
        self.truncated = truncated
        self.finalObservations = finalObservations
    }

    /// The number of copies.
    public var count: Int { rewards.count }

    /// Copy `index`'s observation row.
    public func observation(_ index: Int) -> ArraySlice<Float> {
        observations[index * observationDimension..<(index + 1) * observationDimension]
    }
}

/// N copies of an environment stepped together (Gymnasium's `VectorEnv`), or a wrapper of one.
public protocol VectorEnvironmentProtocol: AnyObject {
    /// The number of copies.
    var count: Int { get }
    /// The observation space of one copy.
    var observationSpace: Space { get }
    /// The action space of one copy.
    var actionSpace: Space { get }
    /// Resets every copy (copy `i` with `seed + i`, or all unseeded) and returns the flat observations.
    func reset(seed: UInt64?) throws -> [Float]
    /// Steps every copy with its action, resetting copies whose episode ended.
    func step(_ actions: [Action]) throws -> VectorStepResult
    /// Returns and clears the episodes finished so far, in order of completion (by copy index
    /// within one step), with their undiscounted return and length.
    func takeCompletedEpisodes() -> [CompletedEpisode]
    /// The shape and element type of the observations `reset` and `step` give, when the copies
    /// declare one (byte-observation environments: Atari's screens and frame stacks); nil when
    /// unknown or not the copies' own (a normalising wrapper's observations are `Float`s). The
    /// rollout buffer stores `.uint8` observations as bytes.
    var observationLayout: ObservationLayout? { get }
}

extension VectorEnvironmentProtocol {
    /// Unknown: observations are `Float`s of no declared layout.
    public var observationLayout: ObservationLayout? { nil }
}
