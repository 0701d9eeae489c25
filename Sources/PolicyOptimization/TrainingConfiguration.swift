import NeuralNetworks
import Rollouts

/// Which update rule the on-policy loop applies.
public enum Algorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// Trust Region Policy Optimization (Schulman et al. 2015): natural step with a KL line search.
    case trpo
    /// Natural policy gradient (Kakade 2001): TRPO's step without the line search.
    case npg
    /// Vanilla policy gradient with Adam (REINFORCE with a baseline, as Spinning Up's VPG).
    case vpg
    /// Vanilla policy gradient as the slides' Euclidean trust region: the step along g with
    /// ½‖Δθ‖² = δ_E (`euclidean_delta`), TRPO's settings otherwise.
    case vpgEuclidean = "vpg-euclidean"
    /// Proximal Policy Optimization with the clipped objective (Schulman et al. 2017).
    case ppo
    /// The classic natural gradient with a fixed penalty λ (Kakade 2002; the paper's "natural
    /// gradient" baseline): θ ← θ_old + (1/λ) F⁻¹g (`penalty_coefficient`).
    case npgFixed = "npg-fixed"
    /// TRPO with the empirical Fisher matrix (1/N) Σᵢ gᵢgᵢᵀ (the paper's "empirical FIM").
    case empiricalFIM = "empirical-fim"
    /// TRPO whose line search bounds the largest per-state KL (the paper's "max KL").
    case maxKL = "max-kl"
    /// The cross-entropy method over θ, episodes as fitness.
    case cem
    /// CMA-ES over θ, episodes as fitness.
    case cma
}

/// Every setting of a training run; field names in `config.json` and YAML are the RL Zoo's.
///
/// Defaults are SB3-contrib's TRPO defaults (REFERENCE.md §1.6), themselves the paper's where it
/// gives one (δ = 0.01, Schulman et al. 2015 §8 and Appendix C), except where noted.
public struct TrainingConfiguration: Sendable, Hashable {
    /// The update rule.
    public var algorithm: Algorithm = .trpo
    /// N: environment copies stepped together.
    public var environmentCopies: Int = 1
    /// T: steps collected per copy per iteration (batch = N·T).
    public var stepsPerCopy: Int = 2048
    /// Minibatch size of the critic's Adam epochs (and of PPO's policy epochs).
    public var batchSize: Int = 128
    /// γ, the discount.
    public var discount: Double = 0.99
    /// λ of GAE (Schulman et al. 2016).
    public var gaeLambda: Double = 0.95
    /// Conjugate-gradient iterations k (the paper uses 10; SB3-contrib 15).
    public var conjugateGradientIterations: Int = 15
    /// λ added to F for the CG solve (F + λI).
    public var damping: Double = 0.1
    /// Backtracking coefficient of the line search (β, 0.8β, 0.64β, …).
    public var backtrackCoefficient: Double = 0.8
    /// Line-search tries before the step is rejected and θ_old restored.
    public var backtrackIterations: Int = 10
    /// The zoo's `target_kl`, which each rule reads in its own sense: TRPO's and NPG's δ
    /// (`NaturalGradientSettings.maxKL`, 0.01 when unset) and PPO's early-stop threshold
    /// (`ProximalPolicySettings.earlyStopKL`, none when unset).
    public var targetKL: Double?
    /// Epochs of the critic's minibatch Adam fit per iteration.
    public var criticEpochs: Int = 10
    /// Adam step size of the critic (and of the VPG/PPO policy unless `policyLearningRate` is set).
    public var learningRate: Double = 1e-3
    /// Adam step size of the VPG/PPO policy when it differs from the critic's (Spinning Up's `pi_lr`;
    /// nil: `learningRate`).
    public var policyLearningRate: Double?
    /// Standardise advantages per batch.
    public var normalizeAdvantage: Bool = true
    /// Use every k-th sample for the whole policy step (surrogate, KL, FVP): SB3-contrib's
    /// `sub_sampling_factor`. The paper's subsample is for the FVP alone: `fisherSubSamplingFactor`.
    public var subSamplingFactor: Int = 1
    /// Average the Fisher-vector products of CG over every k-th row of the policy batch only, while
    /// the gradient and the line search use every row: Schulman et al. 2015, Appendix C ("10% of
    /// the data", k = 10); Baselines' `trpo_mpi` uses k = 5. Natural-gradient rules only.
    public var fisherSubSamplingFactor: Int = 1
    /// Normalise observations with running statistics (SB3 VecNormalize's norm_obs).
    public var normalizeObservations: Bool = false
    /// Scale rewards by the running std of the discounted return (VecNormalize's norm_reward).
    public var normalizeRewards: Bool = false
    /// Hidden widths of the policy network.
    public var policyHiddenWidths: [Int] = [64, 64]
    /// Hidden widths of the value network.
    public var valueHiddenWidths: [Int] = [64, 64]
    /// Hidden activation of both networks.
    public var activation: Activation = .tanh
    /// Initial log σ of a Gaussian policy.
    public var logStdInit: Double = 0
    /// The convolutional trunk of both networks on image observations (`policy: CnnPolicy`,
    /// `policy_kwargs: features_extractor_class`), or nil for MLPs of the widths above.
    public var convolutionalNetwork: ConvolutionalArchitecture?
    /// Whether π and V are two heads of one convolutional trunk (SB3's `share_features_extractor`)
    /// rather than two networks; the critic's loss then shapes the policy's features.
    public var sharesFeatures = false
    /// How `learningRate` and `clipRange` change over the run (SB3's schedules; the zoo's `lin_X`).
    public var learningRateSchedule: Schedule = .constant
    public var clipRangeSchedule: Schedule = .constant
    /// Atari preprocessing of the game's screens (the zoo's `env_wrapper: AtariWrapper`).
    public var atariWrapper = false
    /// Frames stacked into one observation with `atariWrapper` (the zoo's `frame_stack`).
    public var frameStack = 1
    /// The preprocessed screen's height and width with `atariWrapper` (`screen_size`; 84 × 84 as
    /// Gymnasium's and SB3's, 52 × 40 for the paper's network).
    public var screenHeight = 84, screenWidth = 84

    /// How states and advantages are sampled: single path or vine (Schulman et al. 2015, §5).
    public var sampler: Sampler = .singlePath
    /// The vine's settings (used when `sampler` is `.vine`).
    public var vine = VineSettings()

    // MARK: PPO and VPG

    /// PPO's clip range ε.
    public var clipRange: Double = 0.2
    /// Clip range of the value function (nil: no value clipping).
    public var clipRangeValue: Double?
    /// PPO's epochs over each batch.
    public var epochs: Int = 10
    /// Entropy bonus coefficient.
    public var entropyCoefficient: Double = 0
    /// c_vf: the weight of the critic's loss in PPO's joint loss when π and V share a trunk (`vf_coef`).
    public var valueCoefficient: Double = 0.5
    /// Gradient-norm clip of PPO/VPG's policy and the critic (SB3's max_grad_norm; nil: none).
    public var maxGradientNorm: Double?
    /// δ_E of the Euclidean trust-region VPG: every step has ½‖Δθ‖² = δ_E (key `euclidean_delta`).
    /// The default gives ‖Δθ‖ = 0.1, at the low end of the step norms TRPO takes with δ = 0.01 on
    /// CartPole-v1 and Pendulum-v1 (0.09–1.5); Documentation/Algorithms.md has the measurements.
    public var euclideanDelta: Double = 0.005

    // MARK: The paper's baselines

    /// λ of `npg-fixed`'s step (1/λ) F⁻¹g (key `penalty_coefficient`); Documentation/Algorithms.md
    /// has the sweep behind the default.
    public var penaltyCoefficient: Double = 3
    /// CEM's settings (`cem_*` keys).
    public var crossEntropy = CrossEntropySettings()
    /// CMA-ES's settings (`cma_*` keys).
    public var covarianceMatrixAdaptation = CovarianceMatrixAdaptationSettings()

    // MARK: Run

    /// Save `checkpoint.safetensors` every this many iterations (and at the end).
    public var checkpointInterval: Int = 5

    public init() {}

    /// The run length the configuration suggests (the zoo's n_timesteps), if any.
    public var suggestedTimesteps: Int?

    /// N·T: the batch of one iteration.
    public var batchRows: Int { environmentCopies * stepsPerCopy }

    /// The critic's epochs per iteration: PPO's `n_epochs` (SB3 trains the value function in the
    /// same epochs as the policy), `n_critic_updates` for the other rules.
    public var criticFitEpochs: Int { algorithm == .ppo ? epochs : criticEpochs }
}
