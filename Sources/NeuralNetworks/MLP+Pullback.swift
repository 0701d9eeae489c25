import DenseLinearAlgebra

// MARK: - Reverse mode

extension MLP {
    /// Reverse mode: from output cotangents ū (rows × outputWidth) to θ̄ = Jᵀū, accumulated into
    /// `parameterGradient`, and optionally the input cotangents (rows × inputWidth).
    ///
    /// Must follow `forward` on the same workspace, rows and parameters. Per layer, from the top:
    /// W̄ += aᵀ·z̄, b̄ += Σ_rows z̄, ā = z̄·Wᵀ, then z̄ = ā ⊙ f'(z) below.
    public func pullback(
        parameters: UnsafePointer<Float>, outputCotangent: UnsafePointer<Float>, workspace: MLPWorkspace,
        parameterGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>? = nil
    ) {
        let rows = workspace.rows
        var cotangent = workspace.scratchA
        var spare = workspace.scratchB
        cotangent.update(from: outputCotangent, count: rows * outputWidth)
        for layer in stride(from: layerCount - 1, through: 0, by: -1) {
            let fanIn = widths[layer], fanOut = widths[layer + 1]
            let input = workspace.activations[layer]
            // W̄ += aᵀ z̄: A is read transposed through its strides.
            MatrixProduct.multiply(
                m: fanIn, n: fanOut, k: rows,
                a: input, aRowStride: 1, aColumnStride: fanIn,
                b: cotangent, bRowStride: fanOut,
                c: parameterGradient + weightOffset(layer: layer), cRowStride: fanOut, accumulate: true)
            let biasGradient = parameterGradient + biasOffset(layer: layer)
            MatrixProduct.addColumnSums(of: cotangent, rows: rows, columns: fanOut, into: biasGradient)
            let needsInput = layer > 0 || inputGradient != nil
            guard needsInput else { break }
            MatrixProduct.transpose(
                parameters + weightOffset(layer: layer), rows: fanIn, columns: fanOut,
                into: workspace.transposedWeights)
            let destination = layer == 0 ? (inputGradient ?? spare) : spare
            MatrixProduct.multiply(
                m: rows, n: fanIn, k: fanOut,
                a: cotangent, aRowStride: fanOut, aColumnStride: 1,
                b: workspace.transposedWeights, bRowStride: fanIn,
                c: destination, cRowStride: fanIn, accumulate: false)
            if layer > 0 {
                activation.multiplyByDerivative(destination, output: input, count: rows * fanIn)
                swap(&cotangent, &spare)
            }
        }
    }

    /// θ̄ = Jᵀū for `input` and output cotangents ū, allocating (for tests and small batches).
    public func pullback(parameters: [Float], input: [Float], rows: Int, outputCotangent: [Float])
        -> (parameterGradient: [Float], inputGradient: [Float])
    {
        vectorJacobianProduct(parameters: parameters, input: input, rows: rows, outputCotangent: outputCotangent)
    }
}
