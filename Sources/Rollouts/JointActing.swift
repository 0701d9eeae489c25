import DenseLinearAlgebra
import NeuralNetworks
import Policies

/// π and V acted on with one pass of the network both are heads of (`share_features_extractor`):
/// each rollout step runs the shared trunk once, where a policy and a critic apart run it twice.
///
/// The outputs are the bits the two heads give apart: each head's forward pass is the shared
/// network's on the same rows, its columns picked out.
final class JointActing {
    /// Where π's and V's columns are in the shared network's outputs.
    let heads: JointHeads
    /// The shared network's evaluator, one block of the copies' rows (as `Policy.makeActingEvaluator`).
    let evaluator: any BatchEvaluator

    /// Joint acting for `policy` and `critic` on `rows` copies, nil unless both are heads of one network.
    init?(policy: Policy, critic: any DifferentiableNetwork, rows: Int) {
        guard let heads = JointHeads(policy: policy.network, critic: critic) else { return nil }
        self.heads = heads
        evaluator = heads.network.makeBlockedEvaluator(inputs: [], rows: 0, blockSize: max(rows, 1))
    }

    /// π's actions and V(s) for `rows` observations from one forward pass at θ (π's θ, which is
    /// also V's: the caller checks that).
    func act(
        policy: Policy, parameters: [Float], observations: InputRows, rows: Int, stream: inout RandomStream
    ) -> (actions: PolicyActions, values: [Float]) {
        evaluator.load(inputs: observations, rows: rows)
        // θ's trailing entries (a Gaussian's log σ) are past the shared network's and not read.
        evaluator.forward(parameters: parameters)
        let all = evaluator.allOutputs()
        let width = heads.network.outputWidth, columns = heads.policyColumns
        var outputs = [Float]()
        outputs.reserveCapacity(rows * columns.count)
        var values = [Float]()
        values.reserveCapacity(rows)
        for row in 0..<rows {
            outputs.append(contentsOf: all[(row * width + columns.lowerBound)..<(row * width + columns.upperBound)])
            values.append(all[row * width + heads.valueColumn])
        }
        let actions = policy.act(outputs: outputs, parameters: parameters, rows: rows, deterministic: false, stream: &stream)
        return (actions, values)
    }
}
