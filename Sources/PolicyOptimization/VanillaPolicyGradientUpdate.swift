import DenseLinearAlgebra
import NeuralNetworks
import Policies

/// The vanilla policy gradient (Williams 1992, with a baseline and GAE): a step along
/// g = ∇_θ (1/N) Σᵢ rᵢ Âᵢ at θ_old (where rᵢ = 1, so g = (1/N) Σᵢ Âᵢ ∇ log π_θ(aᵢ|sᵢ)), in one of two
/// forms.
///
/// - ``Step/adam``: `--algo vpg`, Spinning Up's VPG — one Adam step on the full batch per iteration
///   (Adam minimises −(L + c·H)), step size `pi_lr` (else `learning_rate`), gradient clipped to
///   `max_grad_norm` if set.
/// - ``Step/euclideanTrustRegion``: `--algo vpg-euclidean`, the slides' form — the steepest-ascent
///   step in the Euclidean metric, the solution of max gᵀΔθ subject to ½‖Δθ‖² ≤ δ_E:
///   Δθ = √(2δ_E) · g/‖g‖. It is TRPO's step with F replaced by the identity and no line search.
///
/// c is `ent_coef` (0 by default). A zero or non-finite gradient skips the update (reported).
public struct VanillaPolicyGradientUpdate: PolicyUpdateRule {
    /// How the step along g is sized.
    public enum Step: Sendable, Hashable {
        /// One Adam step per iteration on the full batch (REINFORCE with a baseline, Spinning Up).
        case adam
        /// The step with ½‖Δθ‖² = δ_E along g (the slides' Euclidean trust region).
        case euclideanTrustRegion
    }

    /// The form of the step.
    public var step: Step
    /// Step sizes, the entropy bonus and the gradient clip.
    public var settings: VanillaPolicyGradientSettings
    /// The policy's Adam state for `.adam` (created at the first update; ε = 1e-5 as SB3's).
    public private(set) var optimizer: Adam?

    /// A vanilla policy-gradient rule of the given form.
    public init(step: Step, settings: VanillaPolicyGradientSettings) {
        self.step = step
        self.settings = settings
    }

    public var state: UpdateRuleState { UpdateRuleState(optimizer: optimizer) }

    public mutating func restore(_ state: UpdateRuleState) throws { optimizer = try state.optimizer() }

    /// Takes one step along g of the rule's form and reports the KL and surrogate change it made.
    public mutating func update(
        _ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream
    ) -> PolicyUpdateMetrics {
        let configuration = settings
        let batch = input.batch
        let oldParameters = parameters
        var metrics = PolicyUpdateMetrics()
        let (oldSurrogate, weights) = Surrogate.evaluate(batch, for: input)
        let gradient = batch.gradient(logProbabilityWeights: weights, entropyWeight: configuration.entropyCoefficient)
        metrics.gradientNorm = VectorOperations.norm(gradient)
        guard metrics.gradientNorm.isFinite, metrics.gradientNorm > 0 else {
            metrics.skipReason = metrics.gradientNorm == 0 ? "zero gradient" : "non-finite gradient"
            metrics.lineSearchSucceeded = false
            return metrics
        }

        switch step {
        case .adam:
            var descent = gradient.map { -$0 }
            GradientClipping.clip(&descent, maxNorm: configuration.maxGradientNorm)
            var optimizer = self.optimizer ?? Adam(parameterCount: parameters.count, epsilon: 1e-5)
            optimizer.learningRate = Float(configuration.learningRate)
            optimizer.update(parameters: &parameters, gradient: descent)
            self.optimizer = optimizer
            metrics.optimizerSteps = 1
        case .euclideanTrustRegion:
            let length = (2 * configuration.euclideanDelta).squareRoot()
            VectorOperations.axpy(Float(length / metrics.gradientNorm), gradient, &parameters)
        }

        var step = parameters
        VectorOperations.axpy(-1, oldParameters, &step)
        metrics.stepNorm = VectorOperations.norm(step)
        metrics.expectedImprovement = VectorOperations.dot(gradient, step)
        batch.evaluate(at: parameters)
        let newSurrogate = Surrogate.evaluate(batch, for: input).value
        metrics.surrogateImprovement = newSurrogate - oldSurrogate
        metrics.klDivergence = batch.divergence(from: input.oldDistribution).mean
        metrics.lineSearchSteps = 1
        return metrics
    }
}
