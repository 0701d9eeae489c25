/// The settings of the cross-entropy method over θ (`--algo cem`; Szita & Lőrincz 2006).
///
/// Each generation draws `populationSize` candidates θₖ ~ N(μ, diag σ²), evaluates each on whole
/// episodes, and refits μ and σ² to the best `eliteFraction` of them, adding the decaying noise
/// variance Z_g = extra² · max(0, 1 − g/`extraNoiseGenerations`) so σ does not collapse early.
public struct CrossEntropySettings: Sendable, Hashable {
    /// n: candidates per generation (`cem_population`).
    public var populationSize: Int = 20
    /// ρ: the fraction of candidates kept as the elite (`cem_elite_fraction`).
    public var eliteFraction: Double = 0.2
    /// σ₀ of every coordinate (`cem_initial_std`).
    public var initialStandardDeviation: Double = 0.5
    /// The standard deviation of the extra noise at generation 0 (`cem_extra_std`).
    public var extraStandardDeviation: Double = 0.1
    /// Generations over which the extra noise decays to 0 (`cem_extra_decay`).
    public var extraNoiseGenerations: Int = 20
    /// Finished episodes that make one candidate's fitness (`fitness_episodes`).
    public var episodesPerCandidate: Int = 1

    public init() {}
}

/// The settings of CMA-ES over θ (`--algo cma`; Hansen 2016, "The CMA Evolution Strategy: A
/// Tutorial", whose default strategy parameters are used).
public struct CovarianceMatrixAdaptationSettings: Sendable, Hashable {
    /// λ: candidates per generation (`cma_population`); nil: Hansen's default 4 + ⌊3 ln n⌋.
    public var populationSize: Int?
    /// σ₀: the initial step size (`cma_initial_step`).
    public var initialStepSize: Double = 0.5
    /// Above this many parameters the covariance is diagonal (sep-CMA-ES, Ros & Hansen 2008), since a
    /// full n × n matrix and its eigendecomposition cost O(n²) memory and O(n³) time
    /// (`cma_full_covariance_limit`).
    public var fullCovarianceLimit: Int = 200
    /// Finished episodes that make one candidate's fitness (`fitness_episodes`).
    public var episodesPerCandidate: Int = 1

    public init() {}
}
