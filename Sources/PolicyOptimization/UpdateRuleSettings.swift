/// The settings of TRPO's and NPG's step (Schulman et al. 2015, §6 and Appendix C).
public struct NaturalGradientSettings: Sendable, Hashable {
    /// δ: the bound on the mean KL(π_old‖π_θ) (eq. 12; the paper's and SB3-contrib's 0.01).
    public var maxKL: Double = 0.01
    /// k: conjugate-gradient iterations (the paper uses 10; SB3-contrib 15).
    public var conjugateGradientIterations: Int = 15
    /// λ added to F for the CG solve (F + λI).
    public var damping: Double = 0.1
    /// Backtracking coefficient of the line search (β, 0.8β, 0.64β, …).
    public var backtrackCoefficient: Double = 0.8
    /// Line-search tries before the step is rejected and θ_old restored.
    public var backtrackIterations: Int = 10
    /// false: NPG, the full step βs without the line search.
    public var usesLineSearch: Bool = true
    /// λ of the classic natural gradient's fixed penalty (`--algo npg-fixed`): the step is (1/λ)s,
    /// whatever sᵀFs, with no line search; nil: the step is sized by δ.
    public var penaltyCoefficient: Double?
    /// Which Fisher matrix the CG solve uses (the paper's "empirical FIM" baseline uses `.empirical`).
    public var metric: FisherMetric = .analytic
    /// Which KL the line search bounds by δ (the paper's "max KL" baseline uses `.maximum`).
    public var constraint: DivergenceConstraint = .mean
    /// c of an entropy bonus (`ent_coef`; Baselines' `trpo_mpi` `entcoeff`): the step maximises
    /// L(θ) + c·H̄(θ) instead of L(θ), which keeps a policy from becoming deterministic. 0 (the
    /// paper's and SB3-contrib's TRPO) is the plain surrogate, bit for bit.
    public var entropyCoefficient: Double = 0

    public init() {}
}

/// The Fisher matrix of a natural-gradient step.
public enum FisherMetric: String, Sendable, Hashable {
    /// F = (1/N) Σᵢ Jᵢᵀ M Jᵢ, the Hessian of the mean KL (Schulman et al. 2015, Appendix C.1).
    case analytic
    /// F̂ = (1/N) Σᵢ gᵢgᵢᵀ, the covariance of the per-sample gradients gᵢ = ∇_θ log π_θ(aᵢ|sᵢ).
    case empirical
}

/// The divergence the line search keeps within δ.
public enum DivergenceConstraint: String, Sendable, Hashable {
    /// D̄_KL = (1/N) Σᵢ KL(π_old(·|sᵢ) ‖ π_θ(·|sᵢ)) (eq. 12).
    case mean
    /// D_KL^max = maxᵢ KL(π_old(·|sᵢ) ‖ π_θ(·|sᵢ)) over the batch's states (eq. 11's form).
    case maximum
}

/// The settings of PPO-clip (Schulman et al. 2017), SB3's names in comments.
public struct ProximalPolicySettings: Sendable, Hashable {
    /// ε of the clipped ratio (`clip_range`).
    public var clipRange: Double = 0.2
    /// Epochs over each batch (`n_epochs`).
    public var epochs: Int = 10
    /// Minibatch rows (`batch_size`).
    public var batchSize: Int = 64
    /// Stop the epochs when approx_kl exceeds 1.5 × this (`target_kl`; nil: never).
    public var earlyStopKL: Double?
    /// c of the entropy bonus (`ent_coef`).
    public var entropyCoefficient: Double = 0
    /// Gradient-norm clip (`max_grad_norm`; nil: none).
    public var maxGradientNorm: Double?
    /// Adam's step size.
    public var learningRate: Double = 3e-4
    /// Re-standardise advantages per minibatch (`normalize_advantage`).
    public var normalizeAdvantage: Bool = true

    public init() {}
}

/// The settings of the vanilla policy gradient.
public struct VanillaPolicyGradientSettings: Sendable, Hashable {
    /// Adam's step size (Spinning Up's `pi_lr`).
    public var learningRate: Double = 3e-4
    /// δ_E of the Euclidean trust region: every step has ½‖Δθ‖² = δ_E.
    public var euclideanDelta: Double = 0.005
    /// c of the entropy bonus.
    public var entropyCoefficient: Double = 0
    /// Gradient-norm clip of the Adam step (nil: none).
    public var maxGradientNorm: Double?

    public init() {}
}
