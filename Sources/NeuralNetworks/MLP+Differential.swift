import DenseLinearAlgebra

// MARK: - Forward mode

extension MLP {
    /// Forward mode: from a parameter tangent θ̇ to the output tangents J θ̇ (rows × outputWidth).
    ///
    /// Must follow `forward` on the same workspace, rows and parameters. Per layer:
    /// ż = ȧ·W + a·Ẇ + ḃ, then ȧ = f'(z) ⊙ ż (the input's tangent is zero). The result stays valid
    /// until the next pass on this workspace.
    public func differential(
        parameters: UnsafePointer<Float>, parameterTangent: UnsafePointer<Float>, workspace: MLPWorkspace
    ) -> UnsafeBufferPointer<Float> {
        let rows = workspace.rows
        var tangent = workspace.scratchA
        var spare = workspace.scratchB
        for layer in 0..<layerCount {
            let fanIn = widths[layer], fanOut = widths[layer + 1]
            let biasTangent = parameterTangent + biasOffset(layer: layer)
            MatrixProduct.broadcastRows(biasTangent, rows: rows, columns: fanOut, into: spare)
            MatrixProduct.multiply(
                m: rows, n: fanOut, k: fanIn,
                a: workspace.activations[layer], aRowStride: fanIn, aColumnStride: 1,
                b: parameterTangent + weightOffset(layer: layer), bRowStride: fanOut,
                c: spare, cRowStride: fanOut, accumulate: true)
            if layer > 0 {
                MatrixProduct.multiply(
                    m: rows, n: fanOut, k: fanIn,
                    a: tangent, aRowStride: fanIn, aColumnStride: 1,
                    b: parameters + weightOffset(layer: layer), bRowStride: fanOut,
                    c: spare, cRowStride: fanOut, accumulate: true)
            }
            if layer < layerCount - 1 {
                activation.multiplyByDerivative(spare, output: workspace.activations[layer + 1], count: rows * fanOut)
            }
            swap(&tangent, &spare)
        }
        return UnsafeBufferPointer(start: tangent, count: rows * outputWidth)
    }

    /// J θ̇ for `input`, allocating (for tests and small batches).
    public func differential(parameters: [Float], input: [Float], rows: Int, parameterTangent: [Float]) -> [Float] {
        jacobianVectorProduct(parameters: parameters, input: input, rows: rows, parameterTangent: parameterTangent)
    }
}
