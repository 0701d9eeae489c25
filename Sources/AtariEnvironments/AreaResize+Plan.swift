import CALEShim

/// `AreaResize`'s tables as the resize kernel reads them (`ale_shim_area_resize_plan`,
/// CALEShim/AreaResizeKernel.cpp): the x terms of each output element as a fixed number of taps
/// in OpenCV's order, padded with weight 0, grouped into blocks of up to 16 consecutive elements
/// whose taps read at most 32 consecutive source bytes; and the y terms as (row, source row) pairs.
struct AreaResizePlan: Sendable {
    static let lanes = 16
    static let window = 32

    let sourceRowWidth: Int
    let rowWidth: Int
    let tapCount: Int
    let blockCount: Int
    /// Per block: first element, lanes, window start, then tapCount × 16 offsets into the window.
    let blockIntegers: [Int32]
    /// Per block: tapCount × 16 weights.
    let blockWeights: [Float]
    /// Per y term: output row, source row.
    let yIntegers: [Int32]
    let yWeights: [Float]

    init(xTerms: [AreaResize.Term], yTerms: [AreaResize.Term], sourceRowWidth: Int, rowWidth: Int, channels: Int) {
        var taps = [[(source: Int, weight: Float)]](repeating: [], count: rowWidth)
        for term in xTerms {
            for channel in 0..<channels { taps[term.destination + channel].append((term.source + channel, term.weight)) }
        }
        let tapCount = Swift.max(1, taps.map(\.count).max() ?? 1)
        for element in taps.indices {
            let padding = taps[element].last ?? (0, 0)
            while taps[element].count < tapCount { taps[element].append((padding.source, 0)) }
        }
        var integers: [Int32] = [], weights: [Float] = []
        var start = 0
        var blocks = 0
        while start < rowWidth {
            let base = taps[start].map(\.source).min() ?? 0
            var end = start + 1
            while end < rowWidth, end - start < Self.lanes,
                (taps[end].map(\.source).max() ?? 0) - base < Self.window,
                (taps[end].map(\.source).min() ?? 0) >= base {
                end += 1
            }
            var offsets = [Int32](repeating: 0, count: tapCount * Self.lanes)
            var blockWeights = [Float](repeating: 0, count: tapCount * Self.lanes)
            for lane in 0..<(end - start) {
                for tap in 0..<tapCount {
                    offsets[tap * Self.lanes + lane] = Int32(taps[start + lane][tap].source - base)
                    blockWeights[tap * Self.lanes + lane] = taps[start + lane][tap].weight
                }
            }
            integers += [Int32(start), Int32(end - start), Int32(base)] + offsets
            weights += blockWeights
            blocks += 1
            start = end
        }
        self.sourceRowWidth = sourceRowWidth
        self.rowWidth = rowWidth
        self.tapCount = tapCount
        blockCount = blocks
        blockIntegers = integers
        blockWeights = weights
        yIntegers = yTerms.flatMap { [Int32($0.destination), Int32($0.source)] }
        yWeights = yTerms.map(\.weight)
    }

    /// The floats of scratch `run` needs.
    var scratchCount: Int {
        withPlan { plan in Int(ale_shim_area_resize_scratch_count(&plan)) }
    }

    /// Resizes `source` into `destination` with the kernel `variant`.
    func run(
        _ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>,
        scratch: UnsafeMutablePointer<Float>, variant: ale_shim_kernel_variant
    ) {
        withPlan { plan in ale_shim_area_resize(variant, &plan, source, destination, scratch) }
    }

    /// The C view of the tables, valid inside `body`.
    private func withPlan<Result>(_ body: (inout ale_shim_area_resize_plan) -> Result) -> Result {
        blockIntegers.withUnsafeBufferPointer { blockIntegers in
            blockWeights.withUnsafeBufferPointer { blockWeights in
                yIntegers.withUnsafeBufferPointer { yIntegers in
                    yWeights.withUnsafeBufferPointer { yWeights in
                        var plan = ale_shim_area_resize_plan(
                            source_row_width: sourceRowWidth, row_width: rowWidth, tap_count: tapCount,
                            block_count: blockCount, block_integers: blockIntegers.baseAddress,
                            block_weights: blockWeights.baseAddress, y_term_count: yWeights.count,
                            y_integers: yIntegers.baseAddress, y_weights: yWeights.baseAddress)
                        return body(&plan)
                    }
                }
            }
        }
    }
}
