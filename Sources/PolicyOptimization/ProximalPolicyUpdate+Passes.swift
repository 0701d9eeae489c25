import DenseLinearAlgebra
import NeuralNetworks
import Policies

/// The passes of one PPO minibatch: π's batch alone; π's and, on a shared trunk, V's apart (two
/// heads of networks the trainer cannot see into); or both heads of one network in one pass.
final class MinibatchPasses {
    private let policyBatch: PolicyBatch?
    private let separateCritic: (target: SharedCriticTarget, blocks: any BatchEvaluator)?
    private let joint: (minibatch: JointHeadsMinibatch, target: SharedCriticTarget)?
    private var observations = InputRows(floats: [])
    private var indices: ArraySlice<Int> = []
    private var parameters: [Float] = []

    init(_ input: PolicyUpdateInput) {
        if let target = input.sharedCritic, let heads = target.heads {
            joint = (JointHeadsMinibatch(heads: heads, policy: input.policy, threads: input.threads, reduction: input.reduction), target)
            (policyBatch, separateCritic) = (nil, nil)
            return
        }
        joint = nil
        policyBatch = PolicyBatch(
            policy: input.policy, observations: [], actions: [], rows: 0, threads: input.threads,
            reduction: input.reduction)
        separateCritic = input.sharedCritic.map { target in
            // Blocks of 64 rows, as the separate critic's fit (`CriticFit.fit`).
            (target, target.network.makeBlockedEvaluator(inputs: [], rows: 0, blockSize: 64, threads: input.threads))
        }
    }

    /// Runs the networks at θ on the batch rows `indices`.
    func evaluate(observations: InputRows, actions: [Float], indices: ArraySlice<Int>, at parameters: [Float]) {
        (self.observations, self.indices, self.parameters) = (observations, indices, parameters)
        if let joint {
            joint.minibatch.evaluate(observations: observations, actions: actions, indices: indices, at: parameters)
        } else if let policyBatch {
            policyBatch.load(observations: observations, actions: actions, rows: indices.count)
            policyBatch.evaluate(at: parameters)
        }
    }

    /// log π_θ(aᵢ|sᵢ) at the evaluated θ.
    func logProbabilities() -> [Double] {
        joint?.minibatch.logProbabilities() ?? policyBatch?.logProbabilities() ?? []
    }

    /// The descent direction of −(Σᵢ wᵢ log πᵢ + c·H̄), plus c_vf·∇L^VF on a shared trunk, and L^VF then.
    func descent(logProbabilityWeights weights: [Double], entropyWeight: Double) -> ([Float], Double?) {
        if let joint {
            let (descent, loss) = joint.minibatch.descent(
                logProbabilityWeights: weights, entropyWeight: entropyWeight, target: joint.target)
            return (descent, loss)
        }
        guard let policyBatch else { return ([], nil) }
        var descent = policyBatch.gradient(logProbabilityWeights: weights, entropyWeight: entropyWeight)
        for index in descent.indices { descent[index] = -descent[index] }
        guard let (target, blocks) = separateCritic else { return (descent, nil) }
        let (gradient, loss) = CriticFit.minibatchGradient(
            network: target.network, blocks: blocks, parameters: parameters, inputs: observations, indices: indices,
            returns: target.returns, clipping: target.clipping, reduction: policyBatch.reduction)
        VectorOperations.axpy(Float(target.coefficient), gradient, &descent)
        return (descent, loss)
    }
}
