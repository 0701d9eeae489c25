import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies
import RealModule

/// The K branches of one rollout-set state.
struct BranchResult {
    /// The K first actions, K × actionWidth.
    var actions: [Float]
    /// log q(a_k|s_n) of each (0 when enumerated).
    var logProbabilities: [Double]
    /// Q̂(s_n, a_k) minus the state's baseline Σ_k π_old(a_k|s_n) Q̂ when enumerated, else Q̂.
    var values: [Double]
    /// Environment steps simulated.
    var steps: Int
}

/// What the branches need from the trainer, frozen at θ_old so threads can share it.
struct BranchContext: @unchecked Sendable {
    let policy: Policy
    let parameters: [Float]
    let valueNetwork: MLP
    let valueParameters: [Float]
    let normalizer: NormalizedVectorEnvironment?
    let actionSpace: Space
    let discount: Double
    let horizon: Int
    let enumerated: Bool
    let actionsPerState: Int
    let seed: UInt64
    let iteration: Int

    init(trainer: OnPolicyTrainer, enumerated: Bool, actionsPerState: Int) {
        policy = trainer.policy
        parameters = trainer.policyParameters
        valueNetwork = trainer.valueNetwork
        valueParameters = trainer.valueParameters
        normalizer = trainer.environment as? NormalizedVectorEnvironment
        actionSpace = trainer.environment.actionSpace
        discount = trainer.configuration.discount
        horizon = trainer.configuration.vine.horizon
        self.enumerated = enumerated
        self.actionsPerState = actionsPerState
        seed = trainer.seed
        iteration = trainer.iteration
    }

    /// The policy's view of a raw observation (normalised with the frozen statistics, if any).
    func observe(_ raw: [Float]) -> [Float] { normalizer?.normalize(observations: raw) ?? raw }

    /// The reward the critic was trained on (scaled by the frozen return statistics, if any).
    func scaled(_ reward: Double) -> Double {
        guard let normalizer, normalizer.normalizesRewards else { return reward }
        return normalizer.normalize(reward: reward)
    }

    /// V(s) of one policy-view observation.
    func value(_ observation: [Float]) -> Double {
        Double(valueNetwork.forward(parameters: valueParameters, input: observation, rows: 1)[0])
    }

    /// Q̂(s_n, a_k) for the K actions of one state; `observation` is the trunk's (policy-view) one.
    func branches(
        from snapshot: EnvironmentSnapshot, observation: [Float], state: Int, environment: any Environment,
        workspace: MLPWorkspace
    ) throws -> BranchResult {
        let stateKey = UInt64(iteration) << 24 | UInt64(state)
        var choiceStream = RandomStream(seed: seed ^ 0x4252_414E_4348, stream: stateKey)
        let width = policy.head.actionWidth
        var actions: [Float] = []
        var logProbabilities: [Double] = []
        var baselineWeights: [Double] = []
        if enumerated {
            let acted = policy.act(
                parameters: parameters, observations: observation, rows: 1, deterministic: true,
                stream: &choiceStream, workspace: workspace)
            var logP = [Double](repeating: 0, count: actionsPerState)
            acted.outputs.withUnsafeBufferPointer { logits in
                if let base = logits.baseAddress {
                    Categorical.logProbabilities(logits: base, count: actionsPerState, into: &logP)
                }
            }
            actions = (0..<actionsPerState).map(Float.init)
            logProbabilities = [Double](repeating: 0, count: actionsPerState)  // q ≡ 1
            baselineWeights = logP.map { Double.exp($0) }
        } else {
            for _ in 0..<actionsPerState {
                let acted = policy.act(
                    parameters: parameters, observations: observation, rows: 1, deterministic: false,
                    stream: &choiceStream, workspace: workspace)
                actions += acted.actions
                logProbabilities += acted.logProbabilities
            }
        }
        // Common random numbers: every branch of this state starts from the same policy stream.
        let branchStream = RandomStream(seed: seed ^ 0x4352_4E, stream: stateKey)
        var values: [Double] = []
        var steps = 0
        for k in 0..<actionsPerState {
            try environment.restore(snapshot)
            var stream = branchStream
            var action = actionSpace.action(fromPolicyOutput: Array(actions[(k * width)..<((k + 1) * width)]))
            var total = 0.0
            var weight = 1.0
            for step in 0..<horizon {
                let result = try environment.step(action)
                steps += 1
                total += weight * scaled(result.reward)
                weight *= discount
                if result.terminated { break }
                let next = observe(result.observation)
                if result.truncated || step == horizon - 1 {
                    total += weight * value(next)
                    break
                }
                let acted = policy.act(
                    parameters: parameters, observations: next, rows: 1, deterministic: false, stream: &stream,
                    workspace: workspace)
                action = actionSpace.action(fromPolicyOutput: acted.actions)
            }
            values.append(total)
        }
        if enumerated {
            let baseline = zip(baselineWeights, values).reduce(0) { $0 + $1.0 * $1.1 }
            values = values.map { $0 - baseline }
        }
        return BranchResult(actions: actions, logProbabilities: logProbabilities, values: values, steps: steps)
    }
}

extension Space {
    /// The environment action for a policy output: a categorical index, or a Gaussian sample
    /// clipped to the Box (the unclipped sample is what the learner keeps, as SB3).
    public func action(fromPolicyOutput output: [Float]) -> Action {
        switch self {
        case .discrete: return .discrete(Int(output[0]))
        case .box(let low, let high):
            return .continuous((0..<output.count).map { min(max(output[$0], low[$0]), high[$0]) })
        case .multiDiscrete: return .multiDiscrete(output.map { Int($0) })
        }
    }
}
