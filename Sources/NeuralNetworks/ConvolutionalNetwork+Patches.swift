// MARK: - im2col and its adjoint

extension ConvolutionalNetwork {
    /// Whether stage `index` reads its input channels-first (only the first layer can).
    func readsChannelsFirst(_ index: Int) -> Bool { index == 0 && inputLayout == .channelsFirst }

    /// Calls `body(source offset, column offset, length)` for every contiguous run of one patch
    /// matrix: the patches of `rows` input rows of `stage`, rows·P patches of K values each.
    ///
    /// A run is one kernel row (k_w pixels of one channel channels-first, k_w · C values
    /// channels-last), so the copies are contiguous on both sides.
    @inline(__always)
    func forEachRun(
        stage: ConvolutionStage, channelsFirst: Bool, rows: Int, _ body: (Int, Int, Int) -> Void
    ) {
        let (height, width, channels) = (stage.inputHeight, stage.inputWidth, stage.inputChannels)
        let (kernelHeight, kernelWidth, stride) = (stage.kernelHeight, stage.kernelWidth, stage.stride)
        var column = 0
        for row in 0..<rows {
            let rowBase = row * stage.inputSize
            for outputY in 0..<stage.outputHeight {
                for outputX in 0..<stage.outputWidth {
                    let (top, left) = (outputY * stride, outputX * stride)
                    if channelsFirst {
                        for channel in 0..<channels {
                            for kernelY in 0..<kernelHeight {
                                let source = rowBase + (channel * height + top + kernelY) * width + left
                                body(source, column + (channel * kernelHeight + kernelY) * kernelWidth, kernelWidth)
                            }
                        }
                    } else {
                        for kernelY in 0..<kernelHeight {
                            let source = rowBase + ((top + kernelY) * width + left) * channels
                            body(source, column + kernelY * kernelWidth * channels, kernelWidth * channels)
                        }
                    }
                    column += stage.patchSize
                }
            }
        }
    }

    /// im2col: the patches of `rows` rows of stage `index`'s input into `columns` (rows·P × K),
    /// each value times `scale`.
    func gatherPatches(
        stage index: Int, source: UnsafePointer<Float>, rows: Int, columns: UnsafeMutablePointer<Float>, scale: Float
    ) {
        forEachRun(stage: stages[index], channelsFirst: readsChannelsFirst(index), rows: rows) { from, to, length in
            if scale == 1 {
                (columns + to).update(from: source + from, count: length)
            } else {
                for offset in 0..<length { columns[to + offset] = source[from + offset] * scale }
            }
        }
    }

    /// col2im, the adjoint of `gatherPatches`: adds each patch value times `scale` back onto the
    /// input position it came from (overlapping patches add up, in patch order).
    func scatterPatches(
        stage index: Int, columns: UnsafePointer<Float>, rows: Int, destination: UnsafeMutablePointer<Float>,
        scale: Float
    ) {
        forEachRun(stage: stages[index], channelsFirst: readsChannelsFirst(index), rows: rows) { to, from, length in
            for offset in 0..<length { destination[to + offset] += columns[from + offset] * scale }
        }
    }
}
