import DenseLinearAlgebra
import NeuralNetworks

extension CriticFit {
    /// ∇φ of one minibatch's mean squared error (1/n) Σᵢ (V_φ(sᵢ) − R̂ᵢ)², and that error.
    ///
    /// `inputs` holds the minibatch's observations, in the order of `indices`, which index
    /// `returns` and `clipping`'s values. With `clipping`, each prediction is first clipped to
    /// V_old(s) ± ε_vf; the gradient is zero where the clip is active. `blocks` is an evaluator of
    /// `network` whose workspaces this reuses.
    static func minibatchGradient(
        network: any DifferentiableNetwork, blocks: any BatchEvaluator, parameters: [Float], inputs: InputRows,
        indices: ArraySlice<Int>, returns: [Double], clipping: ValueClipping?, reduction: any SampleReduction
    ) -> (gradient: [Float], loss: Double) {
        let targets = indices.map { returns[$0] }
        blocks.load(inputs: inputs, rows: indices.count)
        // This participant's blocks of the minibatch (all of them in one process).
        let share = reduction.ownedBlocks(of: blocks.blockCount)
        blocks.forward(parameters: parameters, share: share)
        let oldValues = clipping.map { clipping in indices.map { Double(clipping.oldValues[$0]) } }
        // The prediction entering the loss and whether it still depends on φ.
        func clipped(_ output: Float, row: Int) -> (value: Double, isFree: Bool) {
            guard let clipping, let oldValues else { return (Double(output), true) }
            return clipping.clipped(output, oldValue: oldValues[row])
        }
        // Taken before the pullbacks reuse the workspaces.
        let ownOutputs = (0..<blocks.blockCount).map { share.contains($0) ? Array(blocks.outputs(block: $0)) : [] }
        let minibatchRows = Double(reduction.total(indices.count))
        let scale = 2 / minibatchRows
        let partials = blocks.blockPullbacks(parameters: parameters, tangent: nil, share: share) {
            block, outputs, _, cotangent in
            let range = blocks.rowRange(block: block)
            for (local, row) in range.enumerated() {
                let prediction = clipped(outputs[local], row: row)
                cotangent[local] = prediction.isFree ? Float(scale * (prediction.value - targets[row])) : 0
            }
        }
        // The minibatch's gradient and loss are reduction points; the blocks' predictions travel
        // with their partial gradients, so a shared minibatch costs one exchange.
        let reduced = reduction.sum(blocks: partials, count: network.parameterCount, gathering: ownOutputs)
        let squaredErrors = reduced.extras.joined().enumerated().map { row, prediction in
            let error = clipped(prediction, row: row).value - targets[row]
            return error * error
        }
        return (reduced.sum, reduction.sum(squaredErrors) / minibatchRows)
    }
}
