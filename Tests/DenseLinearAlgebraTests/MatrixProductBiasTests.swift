import Testing
@testable import DenseLinearAlgebra

@Suite struct MatrixProductBiasTests {
    /// C = bias + A·B gives exactly the bits of C filled with bias rows and accumulated into, in
    /// every variant and every path of the kernel: full 16-column blocks, narrow columns with A's
    /// rows contiguous (including k > 256, summed in pieces), with A's columns contiguous (Aᵀ·B),
    /// with neither, and k = 0.
    @Test(arguments: [(1, 1, 1), (9, 16, 64), (33, 3, 17), (64, 64, 11), (5, 40, 9), (7, 2, 300), (17, 1, 0)])
    func biasStartEqualsFilledAccumulation(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var stream = RandomStream(seed: UInt64(m * 7919 + n * 31 + k))
        let a = (0..<(m * k)).map { _ in Float(stream.nextNormal()) }
        let b = (0..<(k * n)).map { _ in Float(stream.nextNormal()) }
        let bias = (0..<n).map { _ in Float(stream.nextNormal()) }
        // (row stride, column stride) of A: rows contiguous, columns contiguous, neither.
        let layouts = [(k, 1), (1, m), (2 * k, 2)]
        var wide = [Float](repeating: 0, count: 2 * m * k)
        for index in a.indices { wide[2 * index] = a[index] }
        for variant in MatrixProduct.Variant.allCases where variant.isSupported {
            for (rowStride, columnStride) in layouts {
                let source = rowStride == 2 * k ? wide : a
                var filled = [Float]()
                for _ in 0..<m { filled.append(contentsOf: bias) }
                var started = [Float](repeating: .nan, count: m * n)
                source.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        bias.withUnsafeBufferPointer { biasPointer in
                            filled.withUnsafeMutableBufferPointer { cp in
                                MatrixProduct.multiply(
                                    m: m, n: n, k: k, a: ap.baseAddress ?? biasPointer.baseAddress!, aRowStride: rowStride,
                                    aColumnStride: columnStride, b: bp.baseAddress ?? biasPointer.baseAddress!,
                                    bRowStride: n, c: cp.baseAddress!, cRowStride: n, accumulate: true, variant: variant)
                            }
                            started.withUnsafeMutableBufferPointer { cp in
                                MatrixProduct.multiply(
                                    m: m, n: n, k: k, a: ap.baseAddress ?? biasPointer.baseAddress!, aRowStride: rowStride,
                                    aColumnStride: columnStride, b: bp.baseAddress ?? biasPointer.baseAddress!,
                                    bRowStride: n, c: cp.baseAddress!, cRowStride: n, bias: biasPointer.baseAddress!,
                                    variant: variant)
                            }
                        }
                    }
                }
                #expect(
                    filled.map(\.bitPattern) == started.map(\.bitPattern),
                    "variant \(variant), shape \(shape), strides \(rowStride), \(columnStride)")
            }
        }
    }
}
