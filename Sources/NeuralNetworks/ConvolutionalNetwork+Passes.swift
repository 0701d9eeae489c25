import DenseLinearAlgebra

// MARK: - Forward pass and forward mode

extension ConvolutionalNetwork {
    /// Runs the network on `rows` inputs (rows × inputWidth), recording every layer's output in
    /// `workspace`; the result is `workspace.output`. Per layer: z = patches(a)·W + b, a' = f(z).
    public func forward(
        parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, rows: Int, workspace: ConvolutionalWorkspace
    ) {
        precondition(workspace.network == self, "workspace belongs to another network")
        workspace.reserve(rows: rows)
        workspace.rows = rows
        workspace.input.update(from: input, count: rows * inputWidth)
        workspace.inputIsBytes = false
        runStages(parameters: parameters, rows: rows, workspace: workspace)
    }

    /// `forward` on byte rows (pixels 0…255): the workspace keeps the bytes, and the first layer
    /// reads each as its `Float` times `inputScale` while gathering patches, so there is no `Float`
    /// copy of the rows and the outputs are those of `forward` on the same values as `Float`s.
    public func forward(
        parameters: UnsafePointer<Float>, byteInput: UnsafePointer<UInt8>, rows: Int, workspace: ConvolutionalWorkspace
    ) {
        precondition(workspace.network == self, "workspace belongs to another network")
        workspace.reserve(rows: rows)
        workspace.rows = rows
        workspace.byteInput.update(from: byteInput, count: rows * inputWidth)
        workspace.inputIsBytes = true
        runStages(parameters: parameters, rows: rows, workspace: workspace)
    }

    /// Every stage of the forward pass on the workspace's input rows.
    private func runStages(parameters: UnsafePointer<Float>, rows: Int, workspace: ConvolutionalWorkspace) {
        for (index, stage) in stages.enumerated() {
            stageProduct(
                index, source: layerInput(index, workspace), rows: rows, weights: parameters + stage.weightOffset,
                bias: parameters + stage.biasOffset, destination: workspace.activations[index], accumulate: false,
                workspace: workspace)
            if index < stages.count - 1 { activation.apply(workspace.activations[index], count: rows * stage.outputSize) }
        }
    }

    /// Forward mode: J θ̇ (rows × outputWidth), valid until the next pass on `workspace`.
    ///
    /// Must follow `forward` on the same workspace, rows and parameters. Per layer:
    /// ż = patches(a)·Ẇ + ḃ + patches(ȧ)·W, then ȧ' = f'(z) ⊙ ż (the input's tangent is zero).
    public func differential(
        parameters: UnsafePointer<Float>, parameterTangent: UnsafePointer<Float>, workspace: ConvolutionalWorkspace
    ) -> UnsafeBufferPointer<Float> {
        let rows = workspace.rows
        var (tangent, spare) = workspace.scratch
        for (index, stage) in stages.enumerated() {
            stageProduct(
                index, source: layerInput(index, workspace), rows: rows, weights: parameterTangent + stage.weightOffset,
                bias: parameterTangent + stage.biasOffset, destination: spare, accumulate: false, workspace: workspace)
            if index > 0 {
                stageProduct(
                    index, source: tangent, rows: rows, weights: parameters + stage.weightOffset, bias: nil,
                    destination: spare, accumulate: true, workspace: workspace)
            }
            if index < stages.count - 1 {
                activation.multiplyByDerivative(spare, output: workspace.activations[index], count: rows * stage.outputSize)
            }
            swap(&tangent, &spare)
        }
        return UnsafeBufferPointer(start: tangent, count: rows * outputWidth)
    }

    /// Stage `index`'s input: the copied `Float` input rows, or the previous stage's output; nil for
    /// byte input rows, which only the first stage's patch gathers read (`gatherStagePatches`).
    func layerInput(_ index: Int, _ workspace: ConvolutionalWorkspace) -> UnsafePointer<Float>? {
        if index > 0 { return UnsafePointer(workspace.activations[index - 1]) }
        return workspace.inputIsBytes ? nil : UnsafePointer(workspace.input)
    }

    /// `destination` (+)= patches(source)·W (+ b) for `rows` rows of stage `index`, chunk by chunk
    /// of patches; the first stage scales its input by `inputScale` as it gathers it.
    func stageProduct(
        _ index: Int, source: UnsafePointer<Float>?, rows: Int, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, destination: UnsafeMutablePointer<Float>, accumulate: Bool,
        workspace: ConvolutionalWorkspace
    ) {
        let stage = stages[index]
        let (positions, patchSize, filters) = (stage.positions, stage.patchSize, stage.filters)
        precondition(bias == nil || !accumulate, "a bias starts a fresh product")
        guard needsColumns(index) else {
            // Only hidden stages are dense without patches, and their input is a Float map.
            guard let source else { preconditionFailure("stage \(index) has no Float input") }
            if let bias { for row in 0..<rows { (destination + row * filters).update(from: bias, count: filters) } }
            MatrixProduct.multiply(
                m: rows, n: filters, k: patchSize, a: source, aRowStride: patchSize, aColumnStride: 1,
                b: weights, bRowStride: filters, c: destination, cRowStride: filters, accumulate: accumulate || bias != nil)
            return
        }
        forEachPatchChunk(stage: index, rows: rows) { start, count in
            gatherStagePatches(index, source: source, start: start, rows: count, workspace: workspace)
            let output = destination + start * stage.outputSize
            if let bias { for patch in 0..<(count * positions) { (output + patch * filters).update(from: bias, count: filters) } }
            MatrixProduct.multiply(
                m: count * positions, n: filters, k: patchSize, a: workspace.columns, aRowStride: patchSize,
                aColumnStride: 1, b: weights, bRowStride: filters, c: output, cRowStride: filters,
                accumulate: accumulate || bias != nil)
        }
    }
}
