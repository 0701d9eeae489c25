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
        let copies = environment.count
        let observationWidth = policy.observationWidth
        var buffer = RolloutBuffer(
            steps: configuration.stepsPerCopy, copies: copies, observationWidth: observationWidth,
            actionWidth: policy.head.actionWidth, outputWidth: policy.head.outputWidth)
        for _ in 0..<configuration.stepsPerCopy {
            let acted = policy.act(
                parameters: policyParameters, observations: lastObservations, rows: copies, deterministic: false,
                stream: &samplingStream, workspace: actingWorkspace)
            let values = CriticFit.values(
                network: valueNetwork, parameters: valueParameters, observations: lastObservations, rows: copies,
                threads: 1)
            let actions = (0..<copies).map { copy in
                environmentAction(Array(acted.actions[(copy * policy.head.actionWidth)..<((copy + 1) * policy.head.actionWidth)]))
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
        buffer.finalValues = CriticFit.values(
            network: valueNetwork, parameters: valueParameters, observations: lastObservations, rows: copies,
            threads: 1)
        return buffer
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
        let values = CriticFit.values(
            network: valueNetwork, parameters: valueParameters, observations: finals, rows: truncatedCopies.count,
            threads: 1)
        for (index, copy) in truncatedCopies.enumerated() {
            rewards[copy] += configuration.discount * Double(values[index])
        }
    }

    /// The environment action for a sampled policy action, clipped to a Box's bounds (the unclipped
    /// action is what the buffer keeps, as SB3).
    func environmentAction(_ sampled: [Float]) -> Action {
        switch environment.actionSpace {
        case .discrete: return .discrete(Int(sampled[0]))
        case .box(let low, let high):
            return .continuous((0..<sampled.count).map { min(max(sampled[$0], low[$0]), high[$0]) })
        case .multiDiscrete: return .multiDiscrete(sampled.map { Int($0) })
        }
    }
}
