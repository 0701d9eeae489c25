import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies

/// A trained policy with what it needs to act on raw observations: θ, and the frozen observation
/// statistics if the run normalised them. What `trpo eval` and `trpo rollout --run-dir` load.
public struct PolicySnapshot: Sendable {
    /// The architecture.
    public var policy: Policy
    /// θ.
    public var parameters: [Float]
    /// The observation statistics (nil: observations are used raw).
    public var observationStatistics: RunningMeanVariance?
    /// Clip bound of normalised observations (SB3: 10).
    public var clipObservation: Double
    /// ε of the normalisation's √(σ² + ε) (SB3: 1e-8).
    public var observationEpsilon: Double
    /// The action space, to map policy outputs to environment actions.
    public var actionSpace: Space

    public init(
        policy: Policy, parameters: [Float], observationStatistics: RunningMeanVariance?, clipObservation: Double = 10,
        observationEpsilon: Double = 1e-8, actionSpace: Space
    ) {
        self.policy = policy
        self.parameters = parameters
        self.observationStatistics = observationStatistics
        self.clipObservation = clipObservation
        self.observationEpsilon = observationEpsilon
        self.actionSpace = actionSpace
    }

    /// The current policy of a trainer: its rule's result for the acting θ
    /// (`PolicyUpdateRule.resultParameters`; the search mean for CEM and CMA-ES).
    public init(trainer: OnPolicyTrainer, normalizer: NormalizedVectorEnvironment?) {
        self.init(
            policy: trainer.policy, parameters: trainer.updateRule.resultParameters(acting: trainer.policyParameters),
            observationStatistics: normalizer?.observationStatistics,
            clipObservation: normalizer?.clipObservation ?? 10, observationEpsilon: normalizer?.epsilon ?? 1e-8,
            actionSpace: trainer.environment.actionSpace)
    }

    /// (x − μ)/√(σ² + ε), clipped, when statistics are present (as the training wrapper did).
    public func normalize(_ observation: [Float]) -> [Float] {
        guard let statistics = observationStatistics else { return observation }
        return NormalizedVectorEnvironment.normalize(
            observation, statistics: statistics, epsilon: observationEpsilon, clip: clipObservation)
    }

    /// The action for one raw observation: the mode if `deterministic`, else a sample.
    public func action(for observation: [Float], deterministic: Bool, stream: inout RandomStream) -> Action {
        let acted = policy.act(
            parameters: parameters, observations: normalize(observation), rows: 1, deterministic: deterministic,
            stream: &stream, evaluator: policy.makeActingEvaluator(rows: 1))
        return actionSpace.action(fromPolicyOutput: acted.actions)
    }

    /// Runs `episodes` episodes on a fresh `environment` and returns their undiscounted returns.
    ///
    /// The first episode is reset with `seed`, the others continue the environment's stream, so the
    /// whole evaluation is one reproducible sequence.
    public func evaluate(
        on environment: any Environment, episodes: Int, seed: UInt64, deterministic: Bool = true
    ) throws -> [Double] {
        var stream = RandomStream(seed: seed, stream: 7)
        var returns: [Double] = []
        for episode in 0..<episodes {
            var observation = try environment.reset(seed: episode == 0 ? seed : nil)
            var total = 0.0
            while true {
                let result = try environment.step(action(for: observation, deterministic: deterministic, stream: &stream))
                total += result.reward
                observation = result.observation
                if result.terminated || result.truncated { break }
            }
            returns.append(total)
        }
        return returns
    }
}
