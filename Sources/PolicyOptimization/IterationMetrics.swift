/// One row of progress.csv: what one iteration of the on-policy loop did.
public struct IterationMetrics: Sendable, Hashable {
    /// 1-based iteration number.
    public var iteration: Int = 0
    /// Environment steps so far (all copies).
    public var totalTimesteps: Int = 0
    /// Environment steps simulated so far, vine branches included (= totalTimesteps for single path).
    public var simulatedTimesteps: Int = 0
    /// Seconds since training started (wall clock; not reproducible).
    public var elapsedSeconds: Double = 0
    /// Environment steps per second over the run so far (not reproducible).
    public var framesPerSecond: Double = 0
    /// Processes that shared the iteration's work (`mpirun`'s world size; 1 in one process). A
    /// "time/" column: every other column is the same for any number of ranks.
    public var ranks: Int = 1
    /// Mean undiscounted return of the last 100 finished episodes (NaN before the first).
    public var meanEpisodeReturn: Double = .nan
    /// Mean length of the last 100 finished episodes (NaN before the first).
    public var meanEpisodeLength: Double = .nan
    /// What the policy update reported.
    public var update = PolicyUpdateMetrics()
    /// Mean entropy of π_old over the batch.
    public var entropy: Double = 0
    /// Mean minibatch loss of the critic fit.
    public var valueLoss: Double = 0
    /// 1 − Var(R − V)/Var(R) of the baseline before the fit.
    public var explainedVariance: Double = .nan
    /// The surrogate's value at θ_old, (1/N) Σ Â (0 after standardisation).
    public var meanAdvantage: Double = 0
    /// σ of a Gaussian policy, averaged over dimensions (NaN for categorical).
    public var policyStandardDeviation: Double = .nan
    /// Updates of the run so far that were not taken: policy steps that kept θ_old (a guard
    /// tripped or the line search failed) and critic fits undone for diverging; counted over the
    /// whole run by the run-directory writer, which also sets the time columns.
    public var skippedUpdates: Int = 0
    /// Why the critic fit was undone (φ_old kept), if it was.
    public var criticFitSkipReason: String?

    public init() {}

    /// The column names, in the order of `values`; "time/" columns are the only non-reproducible ones.
    public static let columns: [String] = [
        "time/iterations", "time/total_timesteps", "time/simulated_timesteps", "time/fps", "time/elapsed_s",
        "time/ranks", "rollout/ep_rew_mean", "rollout/ep_len_mean",
        "train/kl_divergence", "train/surrogate_improvement", "train/expected_improvement",
        "train/line_search_steps", "train/is_line_search_success", "train/cg_iterations",
        "train/gradient_norm", "train/step_norm", "train/clip_fraction", "train/approx_kl",
        "train/optimizer_steps",
        "train/entropy", "train/value_loss", "train/explained_variance", "train/std",
        "train/skipped_updates",
    ]

    /// The values of `columns`, in order.
    public var values: [Double] {
        [
            Double(iteration), Double(totalTimesteps), Double(simulatedTimesteps), framesPerSecond, elapsedSeconds,
            Double(ranks), meanEpisodeReturn, meanEpisodeLength,
            update.klDivergence, update.surrogateImprovement, update.expectedImprovement,
            Double(update.lineSearchSteps), update.lineSearchSucceeded ? 1 : 0,
            Double(update.conjugateGradientIterations), update.gradientNorm, update.stepNorm, update.clipFraction,
            update.approximateKL, Double(update.optimizerSteps),
            entropy, valueLoss, explainedVariance, policyStandardDeviation,
            Double(skippedUpdates),
        ]
    }

    /// The columns of progress.csv files written before `time/ranks` existed; such runs resume
    /// with their own header (the value of a column a file lacks is not written to it).
    public static let columnsBeforeRanks: [String] = columns.filter { $0 != "time/ranks" }
}
