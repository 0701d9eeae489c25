import DenseLinearAlgebra
import Dispatch
import Environments
import NeuralNetworks
import Policies
import Rollouts

/// The rollout set of one vine iteration: the states chosen from the trunk, with the snapshots
/// that let branches start from them (Schulman et al. 2015, §5.2).
struct VineRolloutSet {
    /// Trunk rows (t·N + copy) of the chosen states, in increasing order.
    var rows: [Int]
    /// The environment snapshot of each chosen state, taken before its trunk action.
    var snapshots: [EnvironmentSnapshot] = []
}

/// What the branches estimated: for each rollout-set state, K actions and their Q̂.
struct VineSample {
    /// Rows of the vine batch: each state repeated K times, with its K actions.
    var observations: [Float]
    var actions: [Float]
    /// log q(a_k|s_n) (0 when every action is enumerated: q ≡ 1).
    var oldLogProbabilities: [Double]
    /// Q̂(s_n, a_k) minus a per-state baseline (enumerated) or Q̂ itself (self-normalised).
    var values: [Double]
    /// K.
    var actionsPerState: Int
    /// Whether every discrete action was enumerated.
    var enumerated: Bool
    /// Environment steps the branches simulated.
    var simulatedSteps: Int
}

extension OnPolicyTrainer {
    /// The rollout set of this iteration: N trunk rows drawn without replacement from a stream
    /// derived from (seed, iteration), so nothing extra needs checkpointing.
    func chooseRolloutSet() -> VineRolloutSet {
        var stream = RandomStream(seed: seed ^ 0x5649_4E45, stream: UInt64(iteration))
        var rows = Array(0..<configuration.batchRows)
        Shuffle.permute(&rows, stream: &stream)
        return VineRolloutSet(rows: Array(rows.prefix(configuration.vine.states)).sorted())
    }

    /// Runs the branches of every rollout-set state and returns the vine batch.
    ///
    /// Common random numbers: all K branches of a state restore the same snapshot (so the same
    /// environment stream) and draw their later actions from the same policy stream. States are
    /// independent, so they are spread over threads without changing a bit.
    func runBranches(_ rolloutSet: VineRolloutSet, trunk: RolloutBuffer) throws -> VineSample {
        guard let makeBranchEnvironment else {
            throw ConfigurationError.unsupported("the vine sampler needs an environment factory for its branches")
        }
        let head = policy.head
        let enumerated: Bool
        let perState: Int
        if case .categorical(let count) = head, count <= configuration.vine.actions {
            (enumerated, perState) = (true, count)
        } else {
            (enumerated, perState) = (false, configuration.vine.actions)
        }
        let stateCount = rolloutSet.rows.count
        let width = policy.observationWidth
        let groups = max(1, min(threads, stateCount))
        let environments = try (0..<groups).map { _ in try makeBranchEnvironment() }
        let context = BranchContext(trainer: self, enumerated: enumerated, actionsPerState: perState)
        let errors = ErrorSlot()
        var results = [BranchResult?](repeating: nil, count: stateCount)
        results.withUnsafeMutableBufferPointer { buffer in
            Parallel.forEachChunk(count: stateCount, threads: groups) { group, range in
                let workspace = MLPWorkspace(network: context.policy.network, capacity: 1)
                for index in range {
                    let row = rolloutSet.rows[index]
                    let observation = Array(trunk.observations[(row * width)..<((row + 1) * width)])
                    do {
                        buffer[index] = try context.branches(
                            from: rolloutSet.snapshots[index], observation: observation, state: index,
                            environment: environments[group], workspace: workspace)
                    } catch {
                        errors.record(error)
                    }
                }
            }
        }
        if let failure = errors.error { throw failure }
        var sample = VineSample(
            observations: [], actions: [], oldLogProbabilities: [], values: [], actionsPerState: perState,
            enumerated: enumerated, simulatedSteps: 0)
        for (index, result) in results.enumerated() {
            guard let result else { continue }
            let row = rolloutSet.rows[index]
            let observation = trunk.observations[(row * width)..<((row + 1) * width)]
            for _ in 0..<perState { sample.observations.append(contentsOf: observation) }
            sample.actions.append(contentsOf: result.actions)
            sample.oldLogProbabilities.append(contentsOf: result.logProbabilities)
            sample.values.append(contentsOf: result.values)
            sample.simulatedSteps += result.steps
        }
        return sample
    }

    /// The update input of a vine batch, evaluated at θ_old.
    func makeVineUpdateInput(_ sample: VineSample) -> PolicyUpdateInput {
        let rows = sample.values.count
        let batch = PolicyBatch(
            policy: policy, observations: sample.observations, actions: sample.actions, rows: rows, threads: threads)
        batch.evaluate(at: policyParameters)
        let values = configuration.normalizeAdvantage
            ? GeneralizedAdvantageEstimation.standardize(sample.values) : sample.values
        var input = PolicyUpdateInput(
            policy: policy, batch: batch, oldLogProbabilities: sample.oldLogProbabilities,
            oldDistribution: batch.distributionParameters, advantages: values, configuration: configuration,
            threads: threads)
        input.estimator = sample.enumerated ? .importanceSampling : .selfNormalized(groupSize: sample.actionsPerState)
        return input
    }
}

/// A first error from several threads.
final class ErrorSlot {
    private(set) var error: (any Error)?
    private let lock = DispatchSemaphore(value: 1)

    func record(_ newError: any Error) {
        lock.wait()
        if error == nil { error = newError }
        lock.signal()
    }
}
