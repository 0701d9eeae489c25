import DenseLinearAlgebra

// MARK: - Reverse mode

extension ConvolutionalNetwork {
    /// Reverse mode: θ̄ += Jᵀū for output cotangents ū (rows × outputWidth), and the input
    /// cotangents (rows × inputWidth, overwritten) if asked for.
    ///
    /// Must follow `forward` on the same workspace, rows and parameters. Per layer, from the top:
    /// W̄ += patches(a)ᵀ·z̄, b̄ += Σ z̄, ā = col2im(z̄·Wᵀ), then z̄ = ā ⊙ f'(z) below.
    public func pullback(
        parameters: UnsafePointer<Float>, outputCotangent: UnsafePointer<Float>, workspace: ConvolutionalWorkspace,
        parameterGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>? = nil
    ) {
        let rows = workspace.rows
        var (cotangent, spare) = workspace.scratch
        cotangent.update(from: outputCotangent, count: rows * outputWidth)
        for index in stages.indices.reversed() {
            let stage = stages[index]
            accumulateWeightGradient(
                index, cotangent: cotangent, rows: rows, workspace: workspace,
                gradient: parameterGradient + stage.weightOffset)
            accumulateBiasGradient(
                index, cotangent: cotangent, rows: rows, gradient: parameterGradient + stage.biasOffset)
            guard index > 0 || inputGradient != nil else { break }
            let destination = index == 0 ? (inputGradient ?? spare) : spare
            propagateToInput(
                index, parameters: parameters, cotangent: cotangent, rows: rows, workspace: workspace,
                destination: destination)
            if index > 0 {
                activation.multiplyByDerivative(
                    destination, output: workspace.activations[index - 1], count: rows * stage.inputSize)
                swap(&cotangent, &spare)
            }
        }
    }

    /// W̄ += patches(stage input)ᵀ · z̄, chunk by chunk (A read transposed through its strides).
    func accumulateWeightGradient(
        _ index: Int, cotangent: UnsafePointer<Float>, rows: Int, workspace: ConvolutionalWorkspace,
        gradient: UnsafeMutablePointer<Float>
    ) {
        let stage = stages[index]
        let source = layerInput(index, workspace)
        guard needsColumns(index) else {
            // Only hidden stages are dense without patches, and their input is a Float map.
            guard let source else { preconditionFailure("stage \(index) has no Float input") }
            MatrixProduct.multiply(
                m: stage.patchSize, n: stage.filters, k: rows, a: source, aRowStride: 1, aColumnStride: stage.patchSize,
                b: cotangent, bRowStride: stage.filters, c: gradient, cRowStride: stage.filters, accumulate: true)
            return
        }
        forEachPatchChunk(stage: index, rows: rows) { start, count in
            gatherStagePatches(index, source: source, start: start, rows: count, workspace: workspace)
            MatrixProduct.multiply(
                m: stage.patchSize, n: stage.filters, k: count * stage.positions, a: workspace.columns, aRowStride: 1,
                aColumnStride: stage.patchSize, b: cotangent + start * stage.outputSize, bRowStride: stage.filters,
                c: gradient, cRowStride: stage.filters, accumulate: true)
        }
    }

    /// b̄ += Σ over rows and positions of z̄: the column sums of z̄ (rows·positions × filters), as the
    /// MLP's bias gradient; vectorised across filters, each filter's sum adding the patches in
    /// order, so the bits are those of the plain loop over patches.
    func accumulateBiasGradient(
        _ index: Int, cotangent: UnsafePointer<Float>, rows: Int, gradient: UnsafeMutablePointer<Float>
    ) {
        let stage = stages[index]
        MatrixProduct.addColumnSums(of: cotangent, rows: rows * stage.positions, columns: stage.filters, into: gradient)
    }

    /// The stage input's cotangent col2im(z̄·Wᵀ) into `destination` (rows × inputSize, overwritten).
    func propagateToInput(
        _ index: Int, parameters: UnsafePointer<Float>, cotangent: UnsafePointer<Float>, rows: Int,
        workspace: ConvolutionalWorkspace, destination: UnsafeMutablePointer<Float>
    ) {
        let stage = stages[index]
        let transposed = workspace.transposedWeights
        MatrixProduct.transpose(
            parameters + stage.weightOffset, rows: stage.patchSize, columns: stage.filters, into: transposed)
        guard needsColumns(index) else {
            MatrixProduct.multiply(
                m: rows, n: stage.patchSize, k: stage.filters, a: cotangent, aRowStride: stage.filters,
                aColumnStride: 1, b: transposed, bRowStride: stage.patchSize, c: destination,
                cRowStride: stage.patchSize, accumulate: false)
            return
        }
        destination.update(repeating: 0, count: rows * stage.inputSize)
        let columnGradient = workspace.columnGradient
        forEachPatchChunk(stage: index, rows: rows) { start, count in
            MatrixProduct.multiply(
                m: count * stage.positions, n: stage.patchSize, k: stage.filters,
                a: cotangent + start * stage.outputSize, aRowStride: stage.filters, aColumnStride: 1, b: transposed,
                bRowStride: stage.patchSize, c: columnGradient, cRowStride: stage.patchSize, accumulate: false)
            scatterPatches(
                stage: index, columns: columnGradient, rows: count, destination: destination + start * stage.inputSize,
                scale: patchScale(index))
        }
    }
}
