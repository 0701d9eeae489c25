import DenseLinearAlgebra

// MARK: - Forward pass

extension MLP {
    /// Runs the network on `rows` inputs (row-major, rows × inputWidth), recording every layer's
    /// output in `workspace`; the result is `workspace.output`.
    public func forward(
        parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, rows: Int, workspace: MLPWorkspace
    ) {
        precondition(workspace.network == self, "workspace belongs to another network")
        workspace.reserve(rows: rows)
        workspace.rows = rows
        workspace.activations[0].update(from: input, count: rows * inputWidth)
        for layer in 0..<layerCount {
            let fanIn = widths[layer], fanOut = widths[layer + 1]
            let output = workspace.activations[layer + 1]
            let bias = parameters + biasOffset(layer: layer)
            MatrixProduct.broadcastRows(bias, rows: rows, columns: fanOut, into: output)
            MatrixProduct.multiply(
                m: rows, n: fanOut, k: fanIn,
                a: workspace.activations[layer], aRowStride: fanIn, aColumnStride: 1,
                b: parameters + weightOffset(layer: layer), bRowStride: fanOut,
                c: output, cRowStride: fanOut, accumulate: true)
            if layer < layerCount - 1 { activation.apply(output, count: rows * fanOut) }
        }
    }

    /// The network's outputs (rows × outputWidth) for `input` (rows × inputWidth), allocating.
    public func forward(parameters: [Float], input: [Float], rows: Int) -> [Float] {
        precondition(parameters.count == parameterCount && input.count == rows * inputWidth, "shape mismatch")
        let workspace = MLPWorkspace(network: self, capacity: rows)
        parameters.withUnsafeBufferPointer { theta in
            input.withUnsafeBufferPointer { x in
                guard let thetaBase = theta.baseAddress, let xBase = x.baseAddress else { return }
                forward(parameters: thetaBase, input: xBase, rows: rows, workspace: workspace)
            }
        }
        return Array(workspace.output)
    }
}
