import DenseLinearAlgebra
import Environments
import NeuralNetworks
import Policies

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

/// What the branches need, frozen at θ_old so threads can share it.
struct BranchContext: @unchecked Sendable {
    let models: ActingModels
    let environment: any BranchingVectorEnvironment
    let discount: Double
    let horizon: Int
    let enumerated: Bool
    let actionsPerState: Int
    let seed: UInt64
    let iteration: Int

    /// V(s) of one policy-view observation.
    func value(_ observation: [Float]) -> Double {
        Double(models.critic.outputs(parameters: models.criticParameters, input: observation, rows: 1)[0])
    }

    /// Q̂(s_n, a_k) for the K actions of one state; `observation` is the trunk's (policy-view) one.
    func branches(
        from snapshot: EnvironmentSnapshot, observation: [Float], state: Int, environment branchEnvironment: any Environment,
        evaluator: any BatchEvaluator
    ) throws -> BranchResult {
        let policy = models.policy
        let stateKey = UInt64(iteration) << 24 | UInt64(state)
        var choiceStream = RandomStream(seed: seed ^ 0x4252_414E_4348, stream: stateKey)
        let width = policy.distribution.actionWidth
        var actions: [Float] = []
        var logProbabilities: [Double] = []
        var baselineWeights: [Double] = []
        if enumerated {
            let acted = policy.act(
                parameters: models.parameters, observations: observation, rows: 1, deterministic: true,
                stream: &choiceStream, evaluator: evaluator)
            let all = policy.distribution.enumeratedActions(outputs: acted.outputs[...])
            actions = all.actions
            logProbabilities = [Double](repeating: 0, count: actionsPerState)  // q ≡ 1
            baselineWeights = all.probabilities
        } else {
            for _ in 0..<actionsPerState {
                let acted = policy.act(
                    parameters: models.parameters, observations: observation, rows: 1, deterministic: false,
                    stream: &choiceStream, evaluator: evaluator)
                actions += acted.actions
                logProbabilities += acted.logProbabilities
            }
        }
        // Common random numbers: every branch of this state starts from the same policy stream.
        let branchStream = RandomStream(seed: seed ^ 0x4352_4E, stream: stateKey)
        let actionSpace = environment.actionSpace
        var values: [Double] = []
        var steps = 0
        for k in 0..<actionsPerState {
            try branchEnvironment.restore(snapshot)
            var stream = branchStream
            var action = actionSpace.action(fromPolicyOutput: Array(actions[(k * width)..<((k + 1) * width)]))
            var total = 0.0
            var weight = 1.0
            for step in 0..<horizon {
                let result = try branchEnvironment.step(action)
                steps += 1
                total += weight * environment.learnerReward(result.reward)
                weight *= discount
                if result.terminated { break }
                let next = environment.learnerObservation(result.observation)
                if result.truncated || step == horizon - 1 {
                    total += weight * value(next)
                    break
                }
                let acted = policy.act(
                    parameters: models.parameters, observations: next, rows: 1, deterministic: false, stream: &stream,
                    evaluator: evaluator)
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
