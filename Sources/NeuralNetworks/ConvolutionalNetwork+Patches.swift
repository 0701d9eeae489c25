import DenseLinearAlgebra

// MARK: - im2col and its adjoint

extension ConvolutionalNetwork {
    /// Whether stage `index` reads its input channels-first (only the first layer can).
    func readsChannelsFirst(_ index: Int) -> Bool { index == 0 && inputLayout == .channelsFirst }

    /// The factor patches of stage `index` are gathered or scattered with: the input scale for the
    /// first layer (pixels 0…255 read as 0…1), 1 for hidden maps.
    func patchScale(_ index: Int) -> Float { index == 0 ? inputScale : 1 }

    /// Calls `body(start, count)` over `rows` rows in consecutive chunks small enough that one
    /// chunk's patches fit the workspace's column buffer (`ConvolutionalWorkspace.patchRows`).
    func forEachPatchChunk(stage index: Int, rows: Int, _ body: (_ start: Int, _ count: Int) -> Void) {
        let chunk = ConvolutionalWorkspace.patchRows(stages[index])
        var start = 0
        while start < rows {
            let count = min(chunk, rows - start)
            body(start, count)
            start += count
        }
    }

    /// The patches of rows `start..<start + rows` of stage `index`'s input into the workspace's
    /// columns: from `source` (the stage's `Float` input), or for the first stage of a byte pass
    /// from the workspace's bytes, each read as its `Float` (the same values, so the same bits).
    func gatherStagePatches(
        _ index: Int, source: UnsafePointer<Float>?, start: Int, rows: Int, workspace: ConvolutionalWorkspace
    ) {
        let (offset, scale) = (start * stages[index].inputSize, patchScale(index))
        if let source {
            gatherPatches(stage: index, source: source + offset, rows: rows, columns: workspace.columns, scale: scale)
        } else {
            precondition(index == 0 && workspace.inputIsBytes, "stage \(index) has no input rows")
            let stage = stages[index]
            MatrixProduct.gatherBytePatches(
                UnsafePointer(workspace.byteInput) + offset, rows: rows, height: stage.inputHeight,
                width: stage.inputWidth, channels: stage.inputChannels, channelsFirst: readsChannelsFirst(index),
                kernelHeight: stage.kernelHeight, kernelWidth: stage.kernelWidth, stride: stage.stride,
                outputHeight: stage.outputHeight, outputWidth: stage.outputWidth, scale: scale,
                into: workspace.columns)
        }
    }

    /// im2col of `Float` rows (byte images: `MatrixProduct.gatherBytePatches`): the patches of
    /// `rows` rows of stage `index`'s input into `columns` (rows·P × K), each value times `scale`.
    /// Runs are contiguous on both sides: k_w pixels of one channel channels first, k_w · C values
    /// channels last.
    func gatherPatches(
        stage index: Int, source: UnsafePointer<Float>, rows: Int, columns: UnsafeMutablePointer<Float>, scale: Float
    ) {
        let stage = stages[index]
        let (height, width, channels) = (stage.inputHeight, stage.inputWidth, stage.inputChannels)
        let (kernelHeight, kernelWidth, stride) = (stage.kernelHeight, stage.kernelWidth, stage.stride)
        let channelsFirst = readsChannelsFirst(index)
        let runLength = channelsFirst ? kernelWidth : kernelWidth * channels
        var destination = columns
        for row in 0..<rows {
            let rowSource = source + row * stage.inputSize
            for outputY in 0..<stage.outputHeight {
                for outputX in 0..<stage.outputWidth {
                    let (top, left) = (outputY * stride, outputX * stride)
                    // One run per (channel, kernel row) channels first, per kernel row channels last.
                    for channel in 0..<(channelsFirst ? channels : 1) {
                        for kernelY in 0..<kernelHeight {
                            let from = channelsFirst
                                ? rowSource + (channel * height + top + kernelY) * width + left
                                : rowSource + ((top + kernelY) * width + left) * channels
                            if scale == 1 {
                                destination.update(from: from, count: runLength)
                            } else {
                                Self.scaledCopy(from: from, to: destination, count: runLength, scale: scale)
                            }
                            destination += runLength
                        }
                    }
                }
            }
        }
    }

    /// destination[i] = source[i] · scale for i < count, eight values per vector operation: the
    /// first layer's runs are short (8 pixels for NatureCNN), where a scalar loop's set-up per run
    /// cost as much as the copying. Each value is the same one rounded product.
    @inline(__always)
    static func scaledCopy(
        from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int, scale: Float
    ) {
        var offset = 0
        let rawSource = UnsafeRawPointer(source), rawDestination = UnsafeMutableRawPointer(destination)
        while offset + 8 <= count {
            let values = rawSource.loadUnaligned(fromByteOffset: offset * 4, as: SIMD8<Float>.self)
            rawDestination.storeBytes(of: values * scale, toByteOffset: offset * 4, as: SIMD8<Float>.self)
            offset += 8
        }
        while offset < count {
            destination[offset] = source[offset] * scale
            offset += 1
        }
    }

    /// col2im, the adjoint of `gatherPatches`: adds each patch value times `scale` back onto the
    /// input position it came from (overlapping patches add up, in patch order).
    func scatterPatches(
        stage index: Int, columns: UnsafePointer<Float>, rows: Int, destination: UnsafeMutablePointer<Float>,
        scale: Float
    ) {
        let stage = stages[index]
        let (height, width, channels) = (stage.inputHeight, stage.inputWidth, stage.inputChannels)
        let (kernelHeight, kernelWidth, stride) = (stage.kernelHeight, stage.kernelWidth, stage.stride)
        let channelsFirst = readsChannelsFirst(index)
        let runLength = channelsFirst ? kernelWidth : kernelWidth * channels
        var from = columns
        for row in 0..<rows {
            let rowDestination = destination + row * stage.inputSize
            for outputY in 0..<stage.outputHeight {
                for outputX in 0..<stage.outputWidth {
                    let (top, left) = (outputY * stride, outputX * stride)
                    for channel in 0..<(channelsFirst ? channels : 1) {
                        for kernelY in 0..<kernelHeight {
                            let to = channelsFirst
                                ? rowDestination + (channel * height + top + kernelY) * width + left
                                : rowDestination + ((top + kernelY) * width + left) * channels
                            for offset in 0..<runLength { to[offset] += from[offset] * scale }
                            from += runLength
                        }
                    }
                }
            }
        }
    }
}
