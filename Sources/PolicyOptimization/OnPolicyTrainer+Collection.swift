import DenseLinearAlgebra
import Environments
import Policies
import Rollouts

// MARK: - Collecting a rollout

extension OnPolicyTrainer {
    /// Steps the copies T times with the current stochastic policy and records everything.
    ///
    /// At a time-limit truncation the reward gets γ·V(s_final) added, SB3's bootstrap (its
    /// issue #633), so GAE can treat every episode end alike.
    public func collectRollout() throws -> RolloutBuffer {
        var noRolloutSet: VineRolloutSet?
        return try collectRollout(recording: &noRolloutSet)
    }

    /// As `collectRollout()`, also taking the environment snapshots of a vine's rollout-set rows.
    func collectRollout(recording rolloutSet: inout VineRolloutSet?) throws -> RolloutBuffer {
        let copyEnvironments = rolloutSet == nil ? [] : try branchableCopies()
        var nextRecorded = 0
        let copies = environment.count
        let observationWidth = policy.observationWidth
        var buffer = RolloutBuffer(
            steps: configuration.stepsPerCopy, copies: copies, observationWidth: observationWidth,
            actionWidth: policy.head.actionWidth, outputWidth: policy.head.outputWidth)
        for step in 0..<configuration.stepsPerCopy {
            while let set = rolloutSet, nextRecorded < set.rows.count, set.rows[nextRecorded] / copies == step {
                rolloutSet?.snapshots.append(copyEnvironments[set.rows[nextRecorded] % copies].snapshot())
                nextRecorded += 1
            }
            let acted = policy.act(
                parameters: policyParameters, observations: lastObservations, rows: copies, deterministic: false,
                stream: &samplingStream, workspace: actingWorkspace)
            let values = actingValue(lastObservations, rows: copies)
            let width = policy.head.actionWidth
            let actions = (0..<copies).map { copy in
                environment.actionSpace.action(fromPolicyOutput: Array(acted.actions[(copy * width)..<((copy + 1) * width)]))
            }
            let result = try environment.step(actions)
            var rewards = result.rewards
            try bootstrapTruncations(result, rewards: &rewards)
            buffer.observations.append(contentsOf: lastObservations)
            buffer.actions.append(contentsOf: acted.actions)
            buffer.logProbabilities.append(contentsOf: acted.logProbabilities)
            buffer.policyOutputs.append(contentsOf: acted.outputs)
            buffer.values.append(contentsOf: values)
            buffer.rewards.append(contentsOf: rewards)
            buffer.episodeStarts.append(contentsOf: lastEpisodeStarts)
            lastObservations = result.observations
            lastEpisodeStarts = (0..<copies).map { result.terminated[$0] || result.truncated[$0] }
            record(environment.takeCompletedEpisodes())
        }
        buffer.finalEpisodeStarts = lastEpisodeStarts
        buffer.finalValues = actingValue(lastObservations, rows: copies)
        return buffer
    }

    /// V(s) of `rows` observations at the current φ.
    func actingValue(_ observations: [Float], rows: Int) -> [Float] {
        actingValues.load(inputs: observations, rows: rows)
        actingValues.forward(parameters: valueParameters)
        return actingValues.allOutputs()
    }

    /// The single environments inside the vector environment, whose snapshots start vine branches.
    func branchableCopies() throws -> [any Environment] {
        let inner = (environment as? NormalizedVectorEnvironment)?.wrapped ?? environment
        guard let vector = inner as? VectorEnvironment else {
            throw ConfigurationError.unsupported("the vine sampler needs a VectorEnvironment of snapshotting copies")
        }
        return vector.environments
    }

    /// rₜ += γ·V(s_final) for copies truncated (and not terminated) at this step.
    func bootstrapTruncations(_ result: VectorStepResult, rewards: inout [Double]) throws {
        let truncatedCopies = (0..<result.count).filter { result.truncated[$0] && !result.terminated[$0] }
        guard !truncatedCopies.isEmpty else { return }
        var finals = [Float]()
        for copy in truncatedCopies {
            guard let final = result.finalObservations[copy] else {
                throw TrainingError.environmentContract("copy \(copy) was truncated without a final observation")
            }
            finals.append(contentsOf: final)
        }
        let values = actingValue(finals, rows: truncatedCopies.count)
        for (index, copy) in truncatedCopies.enumerated() {
            rewards[copy] += configuration.discount * Double(values[index])
        }
    }
}
