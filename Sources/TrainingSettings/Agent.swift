import PolicyOptimization
import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies

/// A policy-gradient agent on a registered environment: the one-line API.
///
/// ```swift
/// let agent = try TRPO(environment: "CartPole-v1")
/// try agent.learn(totalTimesteps: 100_000)
/// let action = agent.predict(observation: observation)
/// ```
/// Settings default to the RL Zoo's for the environment (`TrainingConfiguration.zooDefaults`).
public class Agent {
    /// The Gymnasium id of the environment.
    public let environmentID: String
    /// The loop that trains the agent.
    public let trainer: OnPolicyTrainer
    /// The observation normaliser, if the configuration asks for one.
    public let normalizer: NormalizedVectorEnvironment?

    /// An agent for `environment` with the given settings (zoo defaults when nil, with `algorithm`).
    public init(
        environment id: String, algorithm: Algorithm, configuration: TrainingConfiguration? = nil, seed: UInt64 = 0,
        threads: Int = 1, registry: EnvironmentRegistry = .shared, placement: AgentPlacement = .local
    ) throws {
        let settings = configuration ?? TrainingConfiguration.zooDefaults(for: id, algorithm: algorithm)
        environmentID = id
        // Through the registry, so ids of other sources (`gym:` via the Python bridge) work too.
        let copies = try placement.makeVectorEnvironment(
            Self.vectorEnvironmentID(for: id, settings: settings), settings.environmentCopies, threads, registry)
        let networks = try Self.convolutionalNetworks(settings: settings, environment: copies)
        if settings.normalizeObservations || settings.normalizeRewards {
            let normalized = NormalizedVectorEnvironment(
                copies, normalizesRewards: settings.normalizeRewards, discount: settings.discount)
            normalizer = normalized
            trainer = try OnPolicyTrainer(
                environment: normalized, configuration: settings, policyNetwork: networks?.policy,
                valueNetwork: networks?.value, seed: seed, threads: threads,
                reduction: placement.reduction)
        } else {
            normalizer = nil
            trainer = try OnPolicyTrainer(
                environment: copies, configuration: settings, policyNetwork: networks?.policy,
                valueNetwork: networks?.value, seed: seed, threads: threads,
                reduction: placement.reduction)
        }
    }

    /// The settings in force.
    public var configuration: TrainingConfiguration { trainer.configuration }

    /// Trains until `totalTimesteps` environment steps have been taken in all (whole iterations, so
    /// the last may overshoot). `onIteration` sees each progress row; returning false stops early.
    public func learn(totalTimesteps: Int, onIteration: ((IterationMetrics) throws -> Bool)? = nil) throws {
        trainer.timestepBudget = totalTimesteps
        while trainer.totalTimesteps < totalTimesteps {
            let metrics = try trainer.runIteration()
            if let onIteration, try !onIteration(metrics) { break }
        }
    }

    /// The policy's action for one raw observation (normalised with frozen statistics if needed).
    public func predict(observation: [Float], deterministic: Bool = true, stream: inout RandomStream) -> Action {
        let policy = PolicySnapshot(trainer: trainer, normalizer: normalizer)
        return policy.action(for: observation, deterministic: deterministic, stream: &stream)
    }

    /// The policy's deterministic action for one raw observation.
    public func predict(observation: [Float]) -> Action {
        var unused = RandomStream(seed: 0)
        return predict(observation: observation, deterministic: true, stream: &unused)
    }
}

/// TRPO (Schulman et al. 2015) on a registered environment.
public final class TRPO: Agent {
    /// A TRPO agent; settings default to the RL Zoo's for the environment.
    public init(
        environment id: String, configuration: TrainingConfiguration? = nil, seed: UInt64 = 0, threads: Int = 1
    ) throws {
        try super.init(environment: id, algorithm: .trpo, configuration: configuration, seed: seed, threads: threads)
    }
}
