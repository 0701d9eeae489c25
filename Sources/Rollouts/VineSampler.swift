import DenseLinearAlgebra
import Dispatch
import Environments
import NeuralNetworks
import Policies

/// The two sampling schemes of Schulman et al. (2015, §5).
public enum Sampler: String, Sendable, Hashable, CaseIterable {
    /// One trajectory per start state; every step is a sample with its GAE advantage (§5.1).
    case singlePath = "single_path"
    /// Trunk trajectories, a rollout set of states, K actions per state, and a branch rollout from
    /// each (state, action) with common random numbers (§5.2).
    case vine
}

/// The vine's settings (Schulman et al. 2015, §5.2).
public struct VineSettings: Sendable, Hashable {
    /// N: states of the rollout set, chosen uniformly from the trunk each iteration.
    public var states: Int = 256
    /// K: actions per state. Discrete spaces with at most this many actions enumerate all of them
    /// (L_n = Σ_k π_θ(a_k|s_n) Q̂(s_n, a_k)); otherwise K actions are drawn from q = π_old and the
    /// self-normalised estimator is used.
    public var actions: Int = 4
    /// H: steps of each branch rollout (ended early by termination); Q̂ adds γ^H·V(s_H) when the
    /// branch is cut by H or a time limit.
    public var horizon: Int = 100

    public init() {}
}

/// The rollout set of one vine iteration: the states chosen from the trunk, with the snapshots
/// that let branches start from them.
public struct VineRolloutSet: Sendable {
    /// Trunk rows (t·N + copy) of the chosen states, in increasing order.
    public var rows: [Int]
    /// The environment snapshot of each chosen state, taken before its trunk action.
    public var snapshots: [EnvironmentSnapshot] = []
}

/// What the branches estimated: for each rollout-set state, K actions and their Q̂.
public struct VineSample: Sendable {
    /// Rows of the vine batch: each state repeated K times (stored as the trunk's), with its K actions.
    public var observations: InputRows
    public var actions: [Float]
    /// log q(a_k|s_n) (0 when every action is enumerated: q ≡ 1).
    public var oldLogProbabilities: [Double]
    /// Q̂(s_n, a_k) minus a per-state baseline (enumerated) or Q̂ itself (self-normalised).
    public var values: [Double]
    /// K.
    public var actionsPerState: Int
    /// Whether every discrete action was enumerated.
    public var enumerated: Bool
    /// Environment steps the branches simulated.
    public var simulatedSteps: Int
}

/// The vine sampler: a rollout set from the trunk, and K branch rollouts from each of its states.
public struct VineSampler: Sendable {
    /// N, K and H.
    public var settings: VineSettings
    /// The run's seed (the rollout sets and branch streams derive from it).
    public var seed: UInt64

    public init(settings: VineSettings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
    }

    /// The environment as the vine needs it, or a clear error.
    static func branching(_ environment: any VectorEnvironmentProtocol) throws -> any BranchingVectorEnvironment {
        guard let branching = environment as? any BranchingVectorEnvironment else {
            throw SamplingError.unsupported("the vine sampler needs an environment whose copies can be snapshotted")
        }
        return branching
    }

    /// The rollout set of `iteration`: N of the trunk's `batchRows` rows drawn without replacement
    /// from a stream derived from (seed, iteration), so nothing extra needs checkpointing.
    public func rolloutSet(iteration: Int, batchRows: Int) -> VineRolloutSet {
        var stream = RandomStream(seed: seed ^ 0x5649_4E45, stream: UInt64(iteration))
        var rows = Array(0..<batchRows)
        Shuffle.permute(&rows, stream: &stream)
        return VineRolloutSet(rows: Array(rows.prefix(settings.states)).sorted())
    }

    /// Runs the branches of every rollout-set state and returns the vine batch.
    ///
    /// Common random numbers: all K branches of a state restore the same snapshot (so the same
    /// environment stream) and draw their later actions from the same policy stream. States are
    /// independent, so they are spread over threads without changing a bit.
    public func branches(
        _ rolloutSet: VineRolloutSet, trunk: RolloutBuffer, environment: any VectorEnvironmentProtocol,
        models: ActingModels, discount: Double, iteration: Int, threads: Int
    ) throws -> VineSample {
        let branching = try Self.branching(environment)
        let enumerableCount = models.policy.distribution.enumerableActionCount.flatMap { $0 <= settings.actions ? $0 : nil }
        let (enumerated, perState) = (enumerableCount != nil, enumerableCount ?? settings.actions)
        let stateCount = rolloutSet.rows.count
        let width = models.policy.observationWidth
        let groups = max(1, min(threads, stateCount))
        let environments = try (0..<groups).map { _ in try branching.makeBranchEnvironment() }
        let context = BranchContext(
            models: models, environment: branching, discount: discount, horizon: settings.horizon,
            enumerated: enumerated, actionsPerState: perState, seed: seed, iteration: iteration)
        let errors = ErrorSlot()
        var results = [BranchResult?](repeating: nil, count: stateCount)
        results.withUnsafeMutableBufferPointer { buffer in
            Parallel.forEachChunk(count: stateCount, threads: groups) { group, range in
                let evaluator = models.policy.makeActingEvaluator(rows: 1)
                for index in range {
                    let row = rolloutSet.rows[index]
                    let observation = Array(trunk.observations[(row * width)..<((row + 1) * width)])
                    do {
                        buffer[index] = try context.branches(
                            from: rolloutSet.snapshots[index], observation: observation, state: index,
                            environment: environments[group], evaluator: evaluator)
                    } catch {
                        errors.record(error)
                    }
                }
            }
        }
        if let failure = errors.error { throw failure }
        var sample = VineSample(
            observations: InputRows(storage: trunk.observations.storage), actions: [], oldLogProbabilities: [],
            values: [], actionsPerState: perState,
            enumerated: enumerated, simulatedSteps: 0)
        for (index, result) in results.enumerated() {
            guard let result else { continue }
            let row = rolloutSet.rows[index]
            sample.observations.appendRows(of: trunk.observations, width: width, rows: repeatElement(row, count: perState))
            sample.actions.append(contentsOf: result.actions)
            sample.oldLogProbabilities.append(contentsOf: result.logProbabilities)
            sample.values.append(contentsOf: result.values)
            sample.simulatedSteps += result.steps
        }
        return sample
    }
}

/// π_θ and V_φ frozen at θ_old and φ: what acting and branch rollouts read.
public struct ActingModels: Sendable {
    public var policy: Policy
    public var parameters: [Float]
    public var critic: any DifferentiableNetwork
    public var criticParameters: [Float]

    public init(policy: Policy, parameters: [Float], critic: any DifferentiableNetwork, criticParameters: [Float]) {
        self.policy = policy
        self.parameters = parameters
        self.critic = critic
        self.criticParameters = criticParameters
    }
}

/// A first error from several threads.
final class ErrorSlot: @unchecked Sendable {
    private(set) var error: (any Error)?
    private let lock = DispatchSemaphore(value: 1)

    func record(_ newError: any Error) {
        lock.wait()
        if error == nil { error = newError }
        lock.signal()
    }
}
