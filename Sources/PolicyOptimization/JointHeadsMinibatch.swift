import DenseLinearAlgebra
import NeuralNetworks
import Policies

/// One minibatch of PPO's joint loss when π and V are columns of one network (`JointHeads`): one
/// forward and one pullback of that network give both losses' gradients, where two heads
/// evaluated apart would run the shared trunk twice each way.
///
/// The pullback's output cotangent is −∂(L^CLIP + c·H)/∂(π's columns) beside
/// c_vf·∂L^VF/∂V = c_vf·(2/n)(V(sᵢ) − R̂ᵢ) in V's column, so its result is the descent direction
/// of −(L^CLIP + c·H) + c_vf·L^VF at once. Blocks of 64 rows; sums over rows go through `reduction`.
final class JointHeadsMinibatch {
    let heads: JointHeads
    let policy: Policy
    let reduction: any SampleReduction
    let blocks: any BatchEvaluator
    private(set) var rows = 0
    private(set) var actions: [Float] = []
    private(set) var indices: ArraySlice<Int> = []
    private(set) var parameters: [Float] = []
    /// π_θ(·|sᵢ) at the evaluated θ.
    private(set) var distributions: any DistributionBatch
    /// V_θ(sᵢ) at the evaluated θ.
    private(set) var values: [Float] = []

    init(heads: JointHeads, policy: Policy, threads: Int, reduction: any SampleReduction) {
        self.heads = heads
        self.policy = policy
        self.reduction = reduction
        blocks = heads.network.makeBlockedEvaluator(inputs: [], rows: 0, blockSize: 64, threads: threads)
        distributions = policy.distribution.batch(outputs: [], extraParameters: [], rows: 0)
    }

    /// Runs the network once at θ on the batch rows `indices` (their observations and actions).
    func evaluate(observations: InputRows, actions: [Float], indices: ArraySlice<Int>, at parameters: [Float]) {
        (rows, self.actions, self.indices, self.parameters) = (indices.count, actions, indices, parameters)
        blocks.load(inputs: observations, rows: rows)
        let share = reduction.ownedBlocks(of: blocks.blockCount)
        blocks.forward(parameters: parameters, share: share)
        let outputs = blocks.gatheredOutputs(share: share, reduction: reduction)
        let width = heads.network.outputWidth, columns = heads.policyColumns
        var policyOutputs = [Float](repeating: 0, count: rows * columns.count)
        values = (0..<rows).map { row in
            for (local, column) in columns.enumerated() { policyOutputs[row * columns.count + local] = outputs[row * width + column] }
            return outputs[row * width + heads.valueColumn]
        }
        distributions = policy.distribution.batch(
            outputs: policyOutputs, extraParameters: policy.extraParameters(of: parameters), rows: rows)
    }

    /// log π_θ(aᵢ|sᵢ) at the evaluated θ.
    func logProbabilities() -> [Double] { distributions.logProbabilities(actions: actions) }

    /// The descent direction of −(Σᵢ wᵢ log πᵢ + c·H̄) + c_vf·L^VF over π's θ, and L^VF (the mean
    /// squared error to `target`'s returns, each prediction clipped as `target.clipping` says).
    func descent(logProbabilityWeights weights: [Double], entropyWeight: Double, target: SharedCriticTarget)
        -> (descent: [Float], criticLoss: Double)
    {
        let returns = indices.map { target.returns[$0] }
        let oldValues = target.clipping.map { clipping in indices.map { Double(clipping.oldValues[$0]) } }
        func prediction(row: Int) -> (value: Double, isFree: Bool) {
            guard let clipping = target.clipping, let oldValues else { return (Double(values[row]), true) }
            return clipping.clipped(values[row], oldValue: oldValues[row])
        }
        let minibatchRows = Double(reduction.total(rows))
        let valueScale = target.coefficient * 2 / minibatchRows
        let (width, columns, distributions, actions) = (heads.network.outputWidth, heads.policyColumns, distributions, actions)
        let share = reduction.ownedBlocks(of: blocks.blockCount)
        let partials = blocks.blockPullbacks(parameters: parameters, tangent: nil, share: share) { block, _, _, cotangent in
            let range = blocks.rowRange(block: block)
            var policyCotangent = [Float](repeating: 0, count: range.count * columns.count)
            policyCotangent.withUnsafeMutableBufferPointer { destination in
                distributions.writeLogProbabilityCotangent(
                    rows: range, actions: actions, weights: weights, entropyWeight: entropyWeight, into: destination)
            }
            for (local, row) in range.enumerated() {
                for column in 0..<width { cotangent[local * width + column] = 0 }
                for (offset, column) in columns.enumerated() {
                    cotangent[local * width + column] = -policyCotangent[local * columns.count + offset]
                }
                let value = prediction(row: row)
                cotangent[local * width + heads.valueColumn] = value.isFree ? Float(valueScale * (value.value - returns[row])) : 0
            }
        }
        var descent = reduction.sum(blocks: partials, count: heads.network.parameterCount)
        descent += distributions.extraParameterGradient(
            actions: actions, weights: weights, entropyWeight: entropyWeight, reduction: reduction
        ).map { -$0 }
        let squaredErrors = (0..<rows).map { row in
            let error = prediction(row: row).value - returns[row]
            return error * error
        }
        return (descent, reduction.sum(squaredErrors) / minibatchRows)
    }
}
