import DenseLinearAlgebra

/// Observation (and optionally reward) normalisation over a vector environment, as
/// Stable-Baselines3's `VecNormalize`.
///
/// One `RunningMeanVariance` is shared by all copies and updated with each reset's and step's batch
/// of observations (the returned ones, i.e. reset observations where an episode ended); observations
/// are returned as `clip((x − μ)/√(σ² + ε), ±clipObservation)` with ε = 1e-8, final observations
/// included. With `normalizesRewards`, each copy's discounted return `R ← γR + r` (zeroed when its
/// episode ends) feeds a second running variance, and rewards are returned as
/// `clip(r/√(σ²_R + ε), ±clipReward)`. Setting `isFrozen` stops all updates (evaluation); the
/// statistics are public and settable, to be saved in and restored from checkpoints.
public final class NormalizedVectorEnvironment: VectorEnvironmentProtocol {
    /// The wrapped vector environment.
    public let wrapped: any VectorEnvironmentProtocol
    /// Running mean and variance of the observations (SB3's `obs_rms`).
    public var observationStatistics: RunningMeanVariance
    /// Running variance of the discounted returns (SB3's `ret_rms`, one coordinate).
    public var returnStatistics: RunningMeanVariance
    /// Each copy's running discounted return (SB3's `returns`).
    public var discountedReturns: [Double]
    /// When true, the statistics are used but not updated (SB3's `training = False`).
    public var isFrozen: Bool
    /// Whether rewards are scaled by the running standard deviation of the discounted return.
    public let normalizesRewards: Bool
    /// γ of the discounted return used for reward scaling.
    public let discount: Double
    /// Observations are clipped to ±this after normalisation (SB3 default 10).
    public let clipObservation: Double
    /// Scaled rewards are clipped to ±this (SB3 default 10).
    public let clipReward: Double
    /// ε added to variances before the square root (SB3 default 1e-8).
    public let epsilon: Double
    /// The raw observations of the last reset or step, before normalisation (SB3's `old_obs`).
    public private(set) var rawObservations: [Float] = []
    /// The raw rewards of the last step (SB3's `old_reward`).
    public private(set) var rawRewards: [Double] = []
    /// Where the statistics' batches are joined (a reduction point: a distributed run gathers
    /// every participant's copies before each update).
    public var reduction: any SampleReduction = LocalReduction()

    /// Wraps `environment`; reward scaling is off unless `normalizesRewards`.
    public init(
        _ environment: any VectorEnvironmentProtocol, normalizesRewards: Bool = false, discount: Double = 0.99,
        clipObservation: Double = 10, clipReward: Double = 10, epsilon: Double = 1e-8, isFrozen: Bool = false
    ) {
        wrapped = environment
        observationStatistics = RunningMeanVariance(dimension: environment.observationSpace.dimension)
        returnStatistics = RunningMeanVariance(dimension: 1)
        discountedReturns = [Double](repeating: 0, count: environment.count)
        self.normalizesRewards = normalizesRewards
        self.discount = discount
        self.clipObservation = clipObservation
        self.clipReward = clipReward
        self.epsilon = epsilon
        self.isFrozen = isFrozen
    }

    /// The number of copies.
    public var count: Int { wrapped.count }
    /// The observation space of one copy (the normalised values lie in ±`clipObservation`).
    public var observationSpace: Space { wrapped.observationSpace }
    /// The action space of one copy.
    public var actionSpace: Space { wrapped.actionSpace }

    /// Resets the copies, updates the statistics with the reset batch (unless frozen), and
    /// returns the normalised observations.
    public func reset(seed: UInt64?) throws -> [Float] {
        let observations = try wrapped.reset(seed: seed)
        rawObservations = observations
        discountedReturns = [Double](repeating: 0, count: count)
        if !isFrozen { updateObservationStatistics(observations) }
        return normalize(observations: observations)
    }

    /// Steps the copies and returns normalised observations, final observations and (optionally) rewards.
    public func step(_ actions: [Action]) throws -> VectorStepResult {
        var result = try wrapped.step(actions)
        rawObservations = result.observations
        rawRewards = result.rewards
        if !isFrozen { updateObservationStatistics(result.observations) }
        result.observations = normalize(observations: result.observations)
        if normalizesRewards {
            if !isFrozen {
                for index in 0..<count {
                    discountedReturns[index] = discountedReturns[index] * discount + result.rewards[index]
                }
                updateReturnStatistics()
            }
            result.rewards = result.rewards.map(normalize(reward:))
        }
        for index in 0..<count {
            if let final = result.finalObservations[index] {
                result.finalObservations[index] = normalize(observations: final)
            }
            if result.terminated[index] || result.truncated[index] { discountedReturns[index] = 0 }
        }
        return result
    }

    /// Normalises rows of observations (any number of rows) with the current statistics.
    public func normalize(observations: [Float]) -> [Float] {
        Self.normalize(observations, statistics: observationStatistics, epsilon: epsilon, clip: clipObservation)
    }

    /// clip((x − μ)/√(σ² + ε), ±clip) per coordinate, for rows of observations: what the wrapper
    /// applies, also used by saved policies with their frozen statistics.
    public static func normalize(
        _ observations: [Float], statistics: RunningMeanVariance, epsilon: Double = 1e-8, clip: Double = 10
    ) -> [Float] {
        let dimension = statistics.dimension
        var normalized = [Float](repeating: 0, count: observations.count)
        let mean = statistics.mean
        let deviation = statistics.variance.map { ($0 + epsilon).squareRoot() }
        for index in observations.indices {
            let column = index % dimension
            let value = (Double(observations[index]) - mean[column]) / deviation[column]
            normalized[index] = Float(Swift.min(Swift.max(value, -clip), clip))
        }
        return normalized
    }

    /// Scales a reward by the running standard deviation of the discounted return, clipped.
    public func normalize(reward: Double) -> Double {
        let scaled = reward / (returnStatistics.variance[0] + epsilon).squareRoot()
        return Swift.min(Swift.max(scaled, -clipReward), clipReward)
    }

    /// Folds one batch of observations (every copy's) into `observationStatistics`.
    private func updateObservationStatistics(_ observations: [Float]) {
        observationStatistics.update(batch: reduction.gather(observations), rows: reduction.total(count))
    }

    /// Folds the copies' discounted returns (in Double) into `returnStatistics` as one batch.
    private func updateReturnStatistics() {
        let returns = reduction.gather(discountedReturns)
        let copies = Double(returns.count)
        let batchMean = returns.reduce(0, +) / copies
        let batchVariance = returns.reduce(0) { $0 + ($1 - batchMean) * ($1 - batchMean) } / copies
        if let batch = RunningMeanVariance(mean: [batchMean], variance: [batchVariance], count: copies) {
            returnStatistics.merge(batch)
        }
    }

    /// The wrapped environment's finished episodes, with raw (unnormalised) returns.
    public func takeCompletedEpisodes() -> [CompletedEpisode] { wrapped.takeCompletedEpisodes() }
}
