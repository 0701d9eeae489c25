import CALEShim

/// OpenCV's `cv2.resize(..., interpolation=cv2.INTER_AREA)` for shrinking 8-bit images by a
/// non-integer factor (210 × 160 → 84 × 84), with OpenCV's arithmetic so results match bit for bit.
///
/// Each output pixel is the area-weighted mean of the source pixels its cell covers. OpenCV
/// (`imgproc/src/resize.cpp`, `computeResizeAreaTab` and `ResizeArea_Invoker`) tabulates, per axis,
/// (destination index, source index, weight) triples with float weights `overlap / cellWidth`,
/// sums each source row along x into a float buffer, accumulates rows weighted by the y weights in
/// float, and rounds to nearest-even with saturation. The same order of float operations is kept
/// here. (Integer factors use a different OpenCV path and are not supported.)
///
/// The loop runs in a C kernel chosen at run time (`AreaResizePlan`, CALEShim/AreaResizeKernel.cpp)
/// with the same bits as the term-by-term loop (`applyTermByTerm`, the tests' reference): each
/// output element's x terms become a fixed number of taps (padded with weight 0: adding +0 to a
/// non-negative float sum changes nothing, and OpenCV's first `0 + s·w` is `s·w`), and a source
/// row's horizontal sums, which OpenCV recomputes for each y term, are computed once while
/// consecutive y terms read the same row.
public struct AreaResize: Sendable {
    /// One term of the separable weighting: `destination += source × weight`.
    struct Term: Sendable {
        var destination: Int
        var source: Int
        var weight: Float
    }

    public let sourceHeight: Int
    public let sourceWidth: Int
    public let height: Int
    public let width: Int
    public let channels: Int
    let xTerms: [Term]
    let yTerms: [Term]
    /// The tables as the kernel reads them.
    let plan: AreaResizePlan
    /// The floats of scratch `apply(_:into:scratch:)` needs.
    public var scratchCount: Int { plan.scratchCount }

    /// A resize from `sourceHeight × sourceWidth` to `height × width`, `channels` interleaved
    /// bytes per pixel. Requires a shrink on both axes.
    public init(sourceHeight: Int, sourceWidth: Int, height: Int, width: Int, channels: Int = 1) {
        precondition(height > 0 && width > 0 && height <= sourceHeight && width <= sourceWidth && channels > 0)
        self.sourceHeight = sourceHeight
        self.sourceWidth = sourceWidth
        self.height = height
        self.width = width
        self.channels = channels
        // OpenCV: inv_scale = dsize / ssize in double, then scale = 1 / inv_scale.
        let scaleX = 1.0 / (Double(width) / Double(sourceWidth))
        let scaleY = 1.0 / (Double(height) / Double(sourceHeight))
        xTerms = Self.terms(sourceSize: sourceWidth, size: width, channels: channels, scale: scaleX)
        yTerms = Self.terms(sourceSize: sourceHeight, size: height, channels: 1, scale: scaleY)
        plan = AreaResizePlan(
            xTerms: xTerms, yTerms: yTerms, sourceRowWidth: sourceWidth * channels, rowWidth: width * channels,
            channels: channels)
    }

    /// OpenCV's `computeResizeAreaTab`.
    static func terms(sourceSize: Int, size: Int, channels: Int, scale: Double) -> [Term] {
        var terms: [Term] = []
        for destination in 0..<size {
            let start = Double(destination) * scale
            let end = start + scale
            let cellWidth = Swift.min(scale, Double(sourceSize) - start)
            var first = Int(start.rounded(.up))
            var last = Int(end.rounded(.down))
            last = Swift.min(last, sourceSize - 1)
            first = Swift.min(first, last)
            if Double(first) - start > 1e-3 {
                terms.append(
                    Term(
                        destination: destination * channels, source: (first - 1) * channels,
                        weight: Float((Double(first) - start) / cellWidth)))
            }
            for source in first..<Swift.max(first, last) {
                terms.append(
                    Term(destination: destination * channels, source: source * channels, weight: Float(1.0 / cellWidth)))
            }
            if end - Double(last) > 1e-3 {
                terms.append(
                    Term(
                        destination: destination * channels, source: last * channels,
                        weight: Float(Swift.min(Swift.min(end - Double(last), 1), cellWidth) / cellWidth)))
            }
        }
        return terms
    }

    /// Resizes `source` (sourceHeight × sourceWidth × channels bytes) into `destination`
    /// (height × width × channels bytes); `scratch` holds `scratchCount` floats. `variant` picks
    /// the kernel (automatic: the best this processor runs; every variant gives the same bytes).
    public func apply(
        _ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>,
        scratch: UnsafeMutablePointer<Float>, variant: ale_shim_kernel_variant = ALE_SHIM_KERNEL_AUTOMATIC
    ) {
        plan.run(source, into: destination, scratch: scratch, variant: variant)
    }

    /// Resizes a whole image held in an array; allocates the scratch (for tests and tools).
    public func apply(_ source: [UInt8], variant: ale_shim_kernel_variant = ALE_SHIM_KERNEL_AUTOMATIC) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: height * width * channels)
        var scratch = [Float](repeating: 0, count: scratchCount)
        apply(source, into: &output, scratch: &scratch, variant: variant)
        return output
    }

    /// Resizes `source` into `output` (height × width × channels bytes) with a caller-owned
    /// scratch array of `scratchCount` floats, so a wrapper allocates nothing per frame.
    public func apply(
        _ source: [UInt8], into output: inout [UInt8], scratch: inout [Float],
        variant: ale_shim_kernel_variant = ALE_SHIM_KERNEL_AUTOMATIC
    ) {
        precondition(source.count == sourceHeight * sourceWidth * channels && output.count == height * width * channels)
        precondition(scratch.count >= scratchCount)
        source.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    guard let input = input.baseAddress, let result = result.baseAddress, let scratch = scratch.baseAddress
                    else { return }
                    apply(input, into: result, scratch: scratch, variant: variant)
                }
            }
        }
    }

    /// OpenCV's `saturate_cast<uchar>(float)`: round half to even (`cvRound`), clamp to 0...255.
    @inline(__always)
    static func saturatingRound(_ value: Float) -> UInt8 {
        let rounded = value.rounded(.toNearestOrEven)
        if rounded <= 0 { return 0 }
        if rounded >= 255 { return 255 }
        return UInt8(rounded)
    }
}
