import Testing
@testable import DenseLinearAlgebra

@Suite struct MatrixProductTests {
    func reference(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                for p in 0..<k {
                    let aValue = transposeA ? a[p * m + i] : a[i * k + p]
                    c[i * n + j] += Double(aValue) * Double(b[p * n + j])
                }
            }
        }
        return c
    }

    /// Every shape class of the micro-kernel (full 4×8 blocks, row and column remainders) against a
    /// Double reference, to 1e-5 relative to the operands' scale.
    @Test(arguments: [(1, 1, 1), (4, 8, 3), (7, 13, 5), (9, 16, 64), (33, 3, 17), (64, 64, 11)])
    func productMatchesReference(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var stream = RandomStream(seed: UInt64(m * 1000 + n * 10 + k))
        let a = (0..<(m * k)).map { _ in Float(stream.nextNormal()) }
        let b = (0..<(k * n)).map { _ in Float(stream.nextNormal()) }
        let start = (0..<(m * n)).map { _ in Float(stream.nextNormal()) }
        for transposeA in [false, true] {
            for accumulate in [false, true] {
                var c = start
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            MatrixProduct.multiply(
                                m: m, n: n, k: k, a: ap.baseAddress!,
                                aRowStride: transposeA ? 1 : k, aColumnStride: transposeA ? m : 1,
                                b: bp.baseAddress!, bRowStride: n, c: cp.baseAddress!, cRowStride: n,
                                accumulate: accumulate)
                        }
                    }
                }
                let expected = reference(a, b, m: m, n: n, k: k, transposeA: transposeA)
                for index in 0..<(m * n) {
                    let target = expected[index] + (accumulate ? Double(start[index]) : 0)
                    #expect(abs(Double(c[index]) - target) <= 1e-5 * (Double(k).squareRoot() * 4 + 1))
                }
            }
        }
    }
}
