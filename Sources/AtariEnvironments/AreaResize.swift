/// OpenCV's `cv2.resize(..., interpolation=cv2.INTER_AREA)` for shrinking 8-bit images by a
/// non-integer factor (210 × 160 → 84 × 84), with OpenCV's arithmetic so results match bit for bit.
///
/// Each output pixel is the area-weighted mean of the source pixels its cell covers. OpenCV
/// (`imgproc/src/resize.cpp`, `computeResizeAreaTab` and `ResizeArea_Invoker`) tabulates, per axis,
/// (destination index, source index, weight) triples with float weights `overlap / cellWidth`,
/// sums each source row along x into a float buffer, accumulates rows weighted by the y weights in
/// float, and rounds to nearest-even with saturation. The same order of float operations is kept
/// here. (Integer factors use a different OpenCV path and are not supported.)
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
    /// (height × width × channels bytes); `rowBuffer` and `sums` are scratch of width × channels floats.
    public func apply(
        _ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>,
        rowBuffer: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>
    ) {
        let rowWidth = width * channels
        let sourceRowWidth = sourceWidth * channels
        sums.initialize(repeating: 0, count: rowWidth)
        var previousRow = yTerms.first?.destination ?? 0
        for yTerm in yTerms {
            let beta = yTerm.weight
            let row = source + yTerm.source * sourceRowWidth
            rowBuffer.initialize(repeating: 0, count: rowWidth)
            for xTerm in xTerms {
                for channel in 0..<channels {
                    rowBuffer[xTerm.destination + channel] += Float(row[xTerm.source + channel]) * xTerm.weight
                }
            }
            if yTerm.destination != previousRow {
                let output = destination + previousRow * rowWidth
                for index in 0..<rowWidth {
                    output[index] = Self.saturatingRound(sums[index])
                    sums[index] = beta * rowBuffer[index]
                }
                previousRow = yTerm.destination
            } else {
                for index in 0..<rowWidth { sums[index] += beta * rowBuffer[index] }
            }
        }
        let output = destination + previousRow * rowWidth
        for index in 0..<rowWidth { output[index] = Self.saturatingRound(sums[index]) }
    }

    /// Resizes a whole image held in an array; allocates the scratch buffers (for tests and tools).
    public func apply(_ source: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: height * width * channels)
        var rowBuffer = [Float](repeating: 0, count: width * channels)
        var sums = rowBuffer
        apply(source, into: &output, rowBuffer: &rowBuffer, sums: &sums)
        return output
    }

    /// Resizes `source` into `output` (height × width × channels bytes) with caller-owned scratch
    /// arrays of width × channels floats, so a wrapper allocates nothing per frame.
    public func apply(_ source: [UInt8], into output: inout [UInt8], rowBuffer: inout [Float], sums: inout [Float]) {
        precondition(source.count == sourceHeight * sourceWidth * channels && output.count == height * width * channels)
        precondition(rowBuffer.count >= width * channels && sums.count >= width * channels)
        source.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                rowBuffer.withUnsafeMutableBufferPointer { row in
                    sums.withUnsafeMutableBufferPointer { sum in
                        guard let input = input.baseAddress, let result = result.baseAddress,
                            let row = row.baseAddress, let sum = sum.baseAddress
                        else { return }
                        apply(input, into: result, rowBuffer: row, sums: sum)
                    }
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
