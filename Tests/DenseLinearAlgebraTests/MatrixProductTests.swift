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

    /// Random A (m×k), B (k×n) and a starting C (m×n) from `seed`.
    func operands(m: Int, n: Int, k: Int, seed: UInt64) -> (a: [Float], b: [Float], start: [Float]) {
        var stream = RandomStream(seed: seed)
        let a = (0..<(m * k)).map { _ in Float(stream.nextNormal()) }
        let b = (0..<(k * n)).map { _ in Float(stream.nextNormal()) }
        let start = (0..<(m * n)).map { _ in Float(stream.nextNormal()) }
        return (a, b, start)
    }

    /// C ← A·B (+ C when `accumulate`), A stored as m×k or, transposed, as k×m.
    func product(
        _ a: [Float], _ b: [Float], start: [Float], m: Int, n: Int, k: Int, transposeA: Bool, accumulate: Bool,
        variant: MatrixProduct.Variant
    ) -> [Float] {
        var c = start
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    guard let aBase = ap.baseAddress, let bBase = bp.baseAddress, let cBase = cp.baseAddress else { return }
                    MatrixProduct.multiply(
                        m: m, n: n, k: k, a: aBase, aRowStride: transposeA ? 1 : k, aColumnStride: transposeA ? m : 1,
                        b: bBase, bRowStride: n, c: cBase, cRowStride: n, accumulate: accumulate, variant: variant)
                }
            }
        }
        return c
    }

    /// Every shape class of the micro-kernel (full 4×8 blocks, row and column remainders) against a
    /// Double reference, to 1e-5 relative to the operands' scale.
    @Test(arguments: [(1, 1, 1), (4, 8, 3), (7, 13, 5), (9, 16, 64), (33, 3, 17), (64, 64, 11), (5, 40, 9)])
    func productMatchesReference(shape: (Int, Int, Int)) {
        for variant in MatrixProduct.Variant.allCases where variant.isSupported {
            check(shape: shape, variant: variant)
        }
    }

    func check(shape: (Int, Int, Int), variant: MatrixProduct.Variant) {
        let (m, n, k) = shape
        let (a, b, start) = operands(m: m, n: n, k: k, seed: UInt64(m * 1000 + n * 10 + k))
        for transposeA in [false, true] {
            for accumulate in [false, true] {
                let c = product(
                    a, b, start: start, m: m, n: n, k: k, transposeA: transposeA, accumulate: accumulate,
                    variant: variant)
                let expected = reference(a, b, m: m, n: n, k: k, transposeA: transposeA)
                for index in 0..<(m * n) {
                    let target = expected[index] + (accumulate ? Double(start[index]) : 0)
                    #expect(
                        abs(Double(c[index]) - target) <= 1e-5 * (Double(k).squareRoot() * 4 + 1),
                        "variant \(variant), shape \(shape)")
                }
            }
        }
    }

    /// Splitting the rows of A into blocks gives the same bits as one product (what makes threads
    /// bit-neutral), for every supported variant.
    @Test func rowBlocksGiveIdenticalBits() {
        let (m, n, k) = (37, 21, 13)
        var stream = RandomStream(seed: 12)
        let a = (0..<(m * k)).map { _ in Float(stream.nextNormal()) }
        let b = (0..<(k * n)).map { _ in Float(stream.nextNormal()) }
        for variant in MatrixProduct.Variant.allCases where variant.isSupported {
            var whole = [Float](repeating: 0, count: m * n)
            var pieces = whole
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    whole.withUnsafeMutableBufferPointer { cp in
                        MatrixProduct.multiply(
                            m: m, n: n, k: k, a: ap.baseAddress!, aRowStride: k, aColumnStride: 1, b: bp.baseAddress!,
                            bRowStride: n, c: cp.baseAddress!, cRowStride: n, accumulate: false, variant: variant)
                    }
                    pieces.withUnsafeMutableBufferPointer { cp in
                        for (start, end) in [(0, 5), (5, 6), (6, 30), (30, 37)] {
                            MatrixProduct.multiply(
                                m: end - start, n: n, k: k, a: ap.baseAddress! + start * k, aRowStride: k,
                                aColumnStride: 1, b: bp.baseAddress!, bRowStride: n,
                                c: cp.baseAddress! + start * n, cRowStride: n, accumulate: false, variant: variant)
                        }
                    }
                }
            }
            #expect(whole == pieces, "variant \(variant)")
        }
    }

    /// Each element of C (in the columns that fill vectors of 16) is one sequential sum over p in
    /// every variant, bit for bit: acc = C or 0, then acc += a·b for p = 0, 1, …, fused where the
    /// variant fuses (AVX2, AVX-512). The shapes cover 32-column and 16-column blocks, 8-, 4- and
    /// 1-row blocks, and more than one 256-long chunk of p.
    @Test(arguments: [(8, 32, 5), (13, 48, 300), (21, 64, 513), (3, 16, 257)])
    func elementsAreSequentialSums(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let (a, b, start) = operands(m: m, n: n, k: k, seed: UInt64(m * 7 + n * 3 + k))
        for variant in MatrixProduct.Variant.allCases where variant.isSupported && variant != .automatic {
            let fused = variant != .baseline
            for transposeA in [false, true] {
                for accumulate in [false, true] {
                    let c = product(
                        a, b, start: start, m: m, n: n, k: k, transposeA: transposeA, accumulate: accumulate,
                        variant: variant)
                    var mismatches = 0
                    for i in 0..<m {
                        for j in 0..<n {
                            var sum: Float = accumulate ? start[i * n + j] : 0
                            for p in 0..<k {
                                let aValue = transposeA ? a[p * m + i] : a[i * k + p]
                                sum = fused ? sum.addingProduct(aValue, b[p * n + j]) : sum + aValue * b[p * n + j]
                            }
                            if c[i * n + j].bitPattern != sum.bitPattern { mismatches += 1 }
                        }
                    }
                    #expect(mismatches == 0, "variant \(variant), shape \(shape), transposed \(transposeA)")
                }
            }
        }
    }
}

import Foundation

@Suite struct ElementwiseKernelTests {
    /// Every supported variant's tanh is within 1e-6 of Double tanh on [−12, 12], so variants with
    /// and without fused multiply-adds agree to 1e-6 too.
    @Test func tanhIsAccurateInEveryVariant() {
        let inputs = stride(from: Float(-12), through: 12, by: 0.0007).map { $0 }
        var results: [[Float]] = []
        for variant in MatrixProduct.Variant.allCases where variant.isSupported {
            var values = inputs
            values.withUnsafeMutableBufferPointer { MatrixProduct.tanh($0.baseAddress!, count: $0.count, variant: variant) }
            let worst = zip(values, inputs).map { abs(Double($0) - Foundation.tanh(Double($1))) }.max() ?? 0
            #expect(worst < 1e-6, "variant \(variant)")
            results.append(values)
        }
        for other in results.dropFirst() {
            #expect(zip(other, results[0]).allSatisfy { abs($0 - $1) <= 1e-6 })
        }
    }
}
