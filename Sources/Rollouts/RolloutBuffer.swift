import Environments
import NeuralNetworks

/// What one iteration collected from the vector environment: T steps × N copies, time-major.
///
/// Row t·N + i holds copy i at step t. Everything the update rules and the critic need is here: the
/// states, the actions and their log-probabilities under q = π_old, π_old's distribution
/// parameters (for KL(π_old‖π_θ)), V(s), rewards (already including γ·V(s_final) at time-limit
/// truncations), and episode boundaries.
public struct RolloutBuffer: Sendable {
    /// T: steps per copy.
    public let steps: Int
    /// N: environment copies.
    public let copies: Int
    /// Observation width.
    public let observationWidth: Int
    /// Action width (1 for a categorical index).
    public let actionWidth: Int
    /// Width of the policy's outputs per state (logits or μ).
    public let outputWidth: Int

    /// rows × observationWidth (as the policy saw them: normalised if normalisation is on), stored
    /// as bytes when the environment's observations are bytes (`InputRows.Storage(observationLayout:)`).
    public var observations: InputRows
    /// rows × actionWidth, as sampled (unclipped, as SB3 stores them).
    public var actions: [Float]
    /// log q(aₜ|sₜ) = log π_old(aₜ|sₜ).
    public var logProbabilities: [Double]
    /// π_old's outputs, rows × outputWidth.
    public var policyOutputs: [Float]
    /// V(sₜ).
    public var values: [Float]
    /// rₜ, plus γ·V(s_final) where the episode was truncated (SB3's time-limit bootstrap).
    public var rewards: [Double]
    /// Whether row t·N + i is the first step of an episode (so the previous row's episode ended).
    public var episodeStarts: [Bool]
    /// Whether each copy's last observation after the final step starts a new episode.
    public var finalEpisodeStarts: [Bool]
    /// V(s_T) of each copy's observation after the final step, for bootstrapping.
    public var finalValues: [Float]

    /// An empty buffer of the given shape, storing observations as `observationStorage`.
    public init(
        steps: Int, copies: Int, observationWidth: Int, actionWidth: Int, outputWidth: Int,
        observationStorage: InputRows.Storage = .float32
    ) {
        self.steps = steps
        self.copies = copies
        self.observationWidth = observationWidth
        self.actionWidth = actionWidth
        self.outputWidth = outputWidth
        let rows = steps * copies
        observations = InputRows(storage: observationStorage, capacity: rows * observationWidth)
        actions = []
        actions.reserveCapacity(rows * actionWidth)
        logProbabilities = []
        logProbabilities.reserveCapacity(rows)
        policyOutputs = []
        policyOutputs.reserveCapacity(rows * outputWidth)
        values = []
        values.reserveCapacity(rows)
        rewards = []
        rewards.reserveCapacity(rows)
        episodeStarts = []
        episodeStarts.reserveCapacity(rows)
        finalEpisodeStarts = [Bool](repeating: false, count: copies)
        finalValues = [Float](repeating: 0, count: copies)
    }

    /// An empty buffer for observations of `layout`: as bytes when its elements are bytes, and
    /// then, for three or more dimensions (a frame stack, planes along the first), in shared
    /// planes: each copy's step stores the planes that differ from its previous step's, one new
    /// frame for a stack (`InputRows(sharingPlanesOf:)`; the rows read back are unchanged).
    public init(
        steps: Int, copies: Int, observationWidth: Int, actionWidth: Int, outputWidth: Int,
        observationLayout layout: ObservationLayout?
    ) {
        self.init(
            steps: steps, copies: copies, observationWidth: observationWidth, actionWidth: actionWidth,
            outputWidth: outputWidth, observationStorage: InputRows.Storage(observationLayout: layout))
        if let layout, layout.elementType == .uint8, layout.shape.count >= 3, layout.count == observationWidth,
            let planes = layout.shape.first, planes > 1
        {
            observations = InputRows(
                sharingPlanesOf: observationWidth / planes, planesPerRow: planes, lookback: copies, capacityRows: rows)
        }
    }

    /// T·N.
    public var rows: Int { steps * copies }

    /// The memory one stored step of one copy takes for its observation: observationWidth values
    /// of 4 bytes, or of 1 stored as bytes (28,224 for a 4×84×84 frame stack instead of 112,896),
    /// or with shared planes the average over the rows stored (one new 7,056-byte frame and four
    /// plane numbers a step for a 4×84×84 stack, 7,072, after each copy's first step).
    public var observationBytesPerRow: Int {
        if observations.sharesPlanes {
            return observations.storageByteCount / Swift.max(observations.count / Swift.max(observationWidth, 1), 1)
        }
        return observations.storage == .uint8 ? observationWidth : observationWidth * MemoryLayout<Float>.size
    }
}

extension InputRows.Storage {
    /// How a rollout stores observations of `layout`: as bytes when the layout's elements are
    /// bytes (Atari's screens and frame stacks, given to the learner unnormalised), as `Float`s
    /// otherwise (classic control, MuJoCo, normalised or undeclared observations).
    public init(observationLayout layout: ObservationLayout?) {
        self = layout?.elementType == .uint8 ? .uint8 : .float32
    }
}
