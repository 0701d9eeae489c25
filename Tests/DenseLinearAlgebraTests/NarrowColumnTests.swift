import Testing
@testable import DenseLinearAlgebra

/// The columns of C narrower than a vector (heads, cnn_small's 8-filter first layer) have a fixed
/// arithmetic per element in every variant, whatever the kernel's blocking: with A's rows
/// contiguous, per 256-long chunk of p sixteen interleaved partial sums (lane l takes p ≡ l mod
/// 16), a sequential tail, a pairwise reduction and C (or 0) plus that; with A transposed, one
/// sequential sum over p. These are the bits every run on those layers has given.
@Suite struct NarrowColumnTests {
    /// The lane-sum reference of one element, chunk by chunk.
    func laneSum(start: Float, accumulate: Bool, k: Int, fused: Bool, x: (Int) -> Float, y: (Int) -> Float) -> Float {
        func multiplyAdd(_ sum: Float, _ first: Float, _ second: Float) -> Float {
            fused ? sum.addingProduct(first, second) : sum + first * second
        }
        var result = start
        var chunk = 0
        while chunk < k {
            let length = min(256, k - chunk)
            var lanes = [Float](repeating: 0, count: 16)
            var p = 0
            while p + 16 <= length {
                for lane in 0..<16 { lanes[lane] = multiplyAdd(lanes[lane], x(chunk + p + lane), y(chunk + p + lane)) }
                p += 16
            }
            var tail: Float = 0
            for q in p..<length { tail = multiplyAdd(tail, x(chunk + q), y(chunk + q)) }
            var width = 8
            while width >= 1 {
                for lane in 0..<width { lanes[lane] += lanes[lane + width] }
                width /= 2
            }
            result = (chunk == 0 && !accumulate ? 0 : result) + (lanes[0] + tail)
            chunk += 256
        }
        return k == 0 && !accumulate ? 0 : result
    }

    @Test(arguments: [(1, 1, 5), (3, 8, 37), (9, 6, 256), (70, 8, 300), (13, 21, 40), (5, 3, 0), (66, 7, 129)])
    func narrowColumnsHaveTheirFixedSums(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let products = MatrixProductTests()
        let (a, b, start) = products.operands(m: m, n: n, k: k, seed: UInt64(m * 5 + n * 11 + k))
        let full = n - n % 16
        for variant in MatrixProduct.Variant.allCases where variant.isSupported && variant != .automatic {
            let fused = variant != .baseline
            for transposeA in [false, true] {
                for accumulate in [false, true] {
                    let c = products.product(
                        a, b, start: start, m: m, n: n, k: k, transposeA: transposeA, accumulate: accumulate,
                        variant: variant)
                    var mismatches = 0
                    for i in 0..<m {
                        for j in full..<n {
                            let expected: Float
                            if transposeA {
                                var sum: Float = accumulate ? start[i * n + j] : 0
                                for p in 0..<k {
                                    sum = fused ? sum.addingProduct(a[p * m + i], b[p * n + j]) : sum + a[p * m + i] * b[p * n + j]
                                }
                                expected = sum
                            } else {
                                expected = laneSum(
                                    start: start[i * n + j], accumulate: accumulate, k: k, fused: fused,
                                    x: { a[i * k + $0] }, y: { b[$0 * n + j] })
                            }
                            if c[i * n + j].bitPattern != expected.bitPattern { mismatches += 1 }
                        }
                    }
                    #expect(mismatches == 0, "variant \(variant), shape \(shape), transposed \(transposeA), accumulate \(accumulate)")
                }
            }
        }
    }
}
