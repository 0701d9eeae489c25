/// The metrics an update reports (the `train/` columns of progress.csv).
public struct PolicyUpdateMetrics: Sendable, Hashable {
    /// Mean KL(π_old‖π_new) over the batch after the update.
    public var klDivergence: Double = 0
    /// L(θ_new) − L(θ_old) of the surrogate.
    public var surrogateImprovement: Double = 0
    /// gᵀΔθ: the improvement the linear model predicts for the accepted (or last tried) step.
    public var expectedImprovement: Double = 0
    /// Line-search tries (1 = the full step was accepted).
    public var lineSearchSteps: Int = 0
    /// Whether a step was accepted (false: θ_old was kept).
    public var lineSearchSucceeded: Bool = true
    /// Conjugate-gradient iterations.
    public var conjugateGradientIterations: Int = 0
    /// ‖g‖₂ of the surrogate's gradient.
    public var gradientNorm: Double = 0
    /// ‖Δθ‖₂ of the step taken.
    public var stepNorm: Double = 0
    /// PPO: fraction of samples whose ratio was clipped; other rules 0.
    public var clipFraction: Double = 0
    /// PPO: mean over minibatches of (1/n) Σ (rᵢ − 1) − log rᵢ before each step (SB3's approx_kl);
    /// other rules 0.
    public var approximateKL: Double = 0
    /// Adam steps taken on θ (VPG and PPO; 0 for TRPO and NPG).
    public var optimizerSteps: Int = 0
    /// Why no step was taken, if none was.
    public var skipReason: String?
    /// The critic's mean minibatch loss when the rule also fitted a critic that shares π's trunk
    /// (PPO's joint loss, `PolicyUpdateInput.sharedCritic`); nil when it left the critic alone.
    public var criticLoss: Double?

    public init() {}
}
