import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies

/// Single-path sampling (Schulman et al. 2015, §5.1): the vector environment's copies stepped
/// with the current stochastic policy, T steps per iteration, everything recorded for the update.
///
/// The sampler owns the copies' current observations and episode-start flags between iterations
/// (part of a checkpoint). At a time-limit truncation the reward gets γ·V(s_final) added, SB3's
/// bootstrap (its issue #633), so GAE can treat every episode end alike.
public final class SinglePathSampler {
    /// The environment copies (possibly behind normalisation wrappers).
    public let environment: any VectorEnvironmentProtocol
    /// The copies' current (policy-view) observations, flat.
    public private(set) var lastObservations: [Float]
    /// Whether each copy's current observation starts an episode.
    public private(set) var lastEpisodeStarts: [Bool]
    let actingPolicy: any BatchEvaluator
    let actingValues: any BatchEvaluator
    /// π and V in one pass, when they are heads of one network.
    let jointActing: JointActing?

    /// A sampler on `environment`, reset here with `seed` (copy i with seed + i).
    public init(environment: any VectorEnvironmentProtocol, policy: Policy, critic: any DifferentiableNetwork, seed: UInt64)
        throws
    {
        self.environment = environment
        actingPolicy = policy.makeActingEvaluator(rows: environment.count)
        actingValues = critic.makeBlockedEvaluator(inputs: [], rows: 0)
        jointActing = JointActing(policy: policy, critic: critic, rows: environment.count)
        lastObservations = try environment.reset(seed: seed)
        lastEpisodeStarts = [Bool](repeating: true, count: environment.count)
    }

    /// Continues from saved observations and flags (the environment is restored by its owner).
    public func restore(lastObservations: [Float], lastEpisodeStarts: [Bool]) {
        self.lastObservations = lastObservations
        self.lastEpisodeStarts = lastEpisodeStarts
    }

    /// Steps the copies `steps` times with π_θ and records everything; where `rolloutSet` is
    /// given, also takes the snapshots of its rows before their trunk actions (the vine's trunk).
    ///
    /// `episodes` receives each step's finished episodes.
    public func collect(
        steps: Int, policy: Policy, parameters: [Float], critic: any DifferentiableNetwork, criticParameters: [Float],
        discount: Double, stream: inout RandomStream, rolloutSet: inout VineRolloutSet?,
        episodes: ([CompletedEpisode]) -> Void
    ) throws -> RolloutBuffer {
        let branching = rolloutSet == nil ? nil : try VineSampler.branching(environment)
        var nextRecorded = 0
        let copies = environment.count
        let distribution = policy.distribution
        let storage = InputRows.Storage(observationLayout: environment.observationLayout)
        var buffer = RolloutBuffer(
            steps: steps, copies: copies, observationWidth: policy.observationWidth,
            actionWidth: distribution.actionWidth, outputWidth: distribution.outputWidth,
            observationLayout: environment.observationLayout)
        // Heads of one network read one θ only when π's and V's are the same (a shared trunk's).
        let joint = jointActing.flatMap { criticParameters == parameters ? $0 : nil }
        for step in 0..<steps {
            while let set = rolloutSet, nextRecorded < set.rows.count, set.rows[nextRecorded] / copies == step,
                let branching
            {
                rolloutSet?.snapshots.append(try branching.snapshot(copy: set.rows[nextRecorded] % copies))
                nextRecorded += 1
            }
            // The step's observations as the buffer stores them; acting reads the same rows.
            guard let observations = InputRows(lastObservations, storage: storage) else {
                throw SamplingError.environmentContract("observations declared as bytes are not whole numbers 0…255")
            }
            let (acted, values) = act(
                policy: policy, parameters: parameters, criticParameters: criticParameters, observations: observations,
                joint: joint, stream: &stream)
            let width = distribution.actionWidth
            let actions = (0..<copies).map { copy in
                environment.actionSpace.action(fromPolicyOutput: Array(acted.actions[(copy * width)..<((copy + 1) * width)]))
            }
            let result = try environment.step(actions)
            var rewards = result.rewards
            try bootstrapTruncations(result, rewards: &rewards, discount: discount, criticParameters: criticParameters)
            buffer.observations.append(observations)
            buffer.actions.append(contentsOf: acted.actions)
            buffer.logProbabilities.append(contentsOf: acted.logProbabilities)
            buffer.policyOutputs.append(contentsOf: acted.outputs)
            buffer.values.append(contentsOf: values)
            buffer.rewards.append(contentsOf: rewards)
            buffer.episodeStarts.append(contentsOf: lastEpisodeStarts)
            lastObservations = result.observations
            lastEpisodeStarts = (0..<copies).map { result.terminated[$0] || result.truncated[$0] }
            episodes(environment.takeCompletedEpisodes())
        }
        buffer.finalEpisodeStarts = lastEpisodeStarts
        buffer.finalValues = values(lastObservations, rows: copies, criticParameters: criticParameters)
        return buffer
    }

    /// π's actions and V(s) for the copies' observations: one pass of the shared network when
    /// `joint` is given, else π's and V's apart.
    func act(
        policy: Policy, parameters: [Float], criticParameters: [Float], observations: InputRows, joint: JointActing?,
        stream: inout RandomStream
    ) -> (PolicyActions, [Float]) {
        let copies = environment.count
        if let joint {
            return joint.act(policy: policy, parameters: parameters, observations: observations, rows: copies, stream: &stream)
        }
        let acted = policy.act(
            parameters: parameters, observations: observations, rows: copies, deterministic: false, stream: &stream,
            evaluator: actingPolicy)
        return (acted, values(observations, rows: copies, criticParameters: criticParameters))
    }

    /// V(s) of `rows` observations at φ.
    public func values(_ observations: [Float], rows: Int, criticParameters: [Float]) -> [Float] {
        values(InputRows(floats: observations), rows: rows, criticParameters: criticParameters)
    }

    /// V(s) of `rows` observations (stored as `Float`s or bytes) at φ.
    public func values(_ observations: InputRows, rows: Int, criticParameters: [Float]) -> [Float] {
        actingValues.load(inputs: observations, rows: rows)
        actingValues.forward(parameters: criticParameters)
        return actingValues.allOutputs()
    }

    /// rₜ += γ·V(s_final) for copies truncated (and not terminated) at this step.
    func bootstrapTruncations(
        _ result: VectorStepResult, rewards: inout [Double], discount: Double, criticParameters: [Float]
    ) throws {
        let truncatedCopies = (0..<result.count).filter { result.truncated[$0] && !result.terminated[$0] }
        guard !truncatedCopies.isEmpty else { return }
        var finals = [Float]()
        for copy in truncatedCopies {
            guard let final = result.finalObservations[copy] else {
                throw SamplingError.environmentContract("copy \(copy) was truncated without a final observation")
            }
            finals.append(contentsOf: final)
        }
        let values = values(finals, rows: truncatedCopies.count, criticParameters: criticParameters)
        for (index, copy) in truncatedCopies.enumerated() {
            rewards[copy] += discount * Double(values[index])
        }
    }
}

/// Why sampling failed.
public enum SamplingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The environment broke its contract.
    case environmentContract(String)
    /// The sampler cannot run on this environment.
    case unsupported(String)

    public var description: String {
        switch self {
        case .environmentContract(let message): return "environment broke its contract: \(message)"
        case .unsupported(let message): return message
        }
    }
}
