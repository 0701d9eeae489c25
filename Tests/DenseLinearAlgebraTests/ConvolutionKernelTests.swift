import Testing
@testable import DenseLinearAlgebra

/// The C kernels of a convolutional network's passes (ReLU, its derivative, the byte patches of the
/// first layer) give, in every variant this processor runs, exactly the bits of the Swift loops
/// they replaced.
@Suite struct ConvolutionKernelTests {
    static var variants: [MatrixProduct.Variant] { MatrixProduct.Variant.allCases.filter(\.isSupported) }

    /// Random values of three magnitudes with the special ones mixed in.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var stream = RandomStream(seed: seed)
        let special: [Float] = [.nan, 0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
        return (0..<count).map { index in
            index % 7 == 3 ? special[index / 7 % special.count]
                : Float(stream.nextNormal()) * [1e-3, 1, 1e3][Int(stream.nextInt(below: 3))]
        }
    }

    @Test(arguments: [1, 15, 16, 17, 100, 4096 + 5])
    func reluAndItsDerivativeAreTheSwiftExpressions(count: Int) {
        let input = Self.values(count, seed: 1), gradient = Self.values(count, seed: 2)
        let applied = input.map { Swift.max($0, 0) }
        var masked = gradient
        for index in 0..<count where applied[index] <= 0 { masked[index] = 0 }
        let maskedByInput = (0..<count).map { input[$0] <= 0 ? 0 : gradient[$0] }
        for variant in Self.variants {
            var values = input
            values.withUnsafeMutableBufferPointer { MatrixProduct.relu($0.baseAddress!, count: count, variant: variant) }
            #expect(values.map(\.bitPattern) == applied.map(\.bitPattern), "\(variant)")
            for (output, expected) in [(applied, masked), (input, maskedByInput)] {
                var result = gradient
                result.withUnsafeMutableBufferPointer { r in
                    MatrixProduct.multiplyByReLUDerivative(r.baseAddress!, output: output, count: count, variant: variant)
                }
                #expect(result.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant)")
            }
        }
    }

    /// (height, width, channels, channels first, kernel height, kernel width, stride): NatureCNN's
    /// first layer in small (8 × 8 at 4, runs paired by kernel row), an odd kernel height (the last
    /// run alone), runs of other lengths, and channels last.
    static let shapes = [
        (20, 20, 4, true, 8, 8, 4), (13, 11, 2, true, 7, 8, 3), (9, 9, 3, true, 3, 3, 2),
        (12, 12, 2, false, 4, 4, 2), (10, 10, 1, false, 8, 8, 1), (6, 6, 2, false, 3, 4, 1),
    ]

    @Test(arguments: shapes)
    func bytePatchesAreTheScaledBytesInPatchOrder(shape: (Int, Int, Int, Bool, Int, Int, Int)) {
        let (height, width, channels, channelsFirst, kernelHeight, kernelWidth, stride) = shape
        let rows = 3, scale: Float = 1 / 255
        let outputHeight = (height - kernelHeight) / stride + 1, outputWidth = (width - kernelWidth) / stride + 1
        var stream = RandomStream(seed: 9)
        let bytes = (0..<(rows * height * width * channels)).map { _ in UInt8(stream.nextInt(below: 256)) }
        func byte(_ row: Int, _ y: Int, _ x: Int, _ c: Int) -> UInt8 {
            bytes[row * height * width * channels
                + (channelsFirst ? (c * height + y) * width + x : (y * width + x) * channels + c)]
        }
        var expected: [Float] = []
        for row in 0..<rows {
            for outputY in 0..<outputHeight {
                for outputX in 0..<outputWidth {
                    let (top, left) = (outputY * stride, outputX * stride)
                    if channelsFirst {
                        for c in 0..<channels {
                            for ky in 0..<kernelHeight {
                                for kx in 0..<kernelWidth { expected.append(Float(byte(row, top + ky, left + kx, c)) * scale) }
                            }
                        }
                    } else {
                        for ky in 0..<kernelHeight {
                            for kx in 0..<kernelWidth {
                                for c in 0..<channels { expected.append(Float(byte(row, top + ky, left + kx, c)) * scale) }
                            }
                        }
                    }
                }
            }
        }
        for variant in Self.variants {
            var columns = [Float](repeating: .nan, count: expected.count)
            columns.withUnsafeMutableBufferPointer { destination in
                MatrixProduct.gatherBytePatches(
                    bytes, rows: rows, height: height, width: width, channels: channels, channelsFirst: channelsFirst,
                    kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride, outputHeight: outputHeight,
                    outputWidth: outputWidth, scale: scale, into: destination.baseAddress!, variant: variant)
            }
            #expect(columns.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant)")
        }
    }
}
