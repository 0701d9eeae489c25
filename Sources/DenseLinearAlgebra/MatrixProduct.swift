/// The one matrix-product kernel of TrustRegion: C (+)= A·B with A read through arbitrary strides.
///
/// Every product the networks need is this kernel: `A·B` (forward), `Aᵀ·B` (weight gradients, by
/// swapping A's strides) and `A·Bᵀ` (input gradients, after transposing the small matrix B).
/// The micro-kernel keeps a 4 × 8 block of C in SIMD registers while it walks the shared
/// dimension, so each loaded row of B feeds four rows of C; that keeps the loop compute-bound on
/// the baseline x86-64 instruction set, without compiler flags that would bar the package from
/// being a dependency.
public enum MatrixProduct {
    /// C[m×n] (+)= A[m×k]·B[k×n].
    ///
    /// - Parameters:
    ///   - a: element (i, p) of A is `a[i * aRowStride + p * aColumnStride]`.
    ///   - b: row-major with leading dimension `bRowStride` (≥ n).
    ///   - c: row-major with leading dimension `cRowStride` (≥ n).
    ///   - accumulate: add into C instead of overwriting it.
    @inlinable
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        accumulate: Bool
    ) {
        let fullColumns = n - n % 8
        var row = 0
        while row + 4 <= m {
            var column = 0
            while column < fullColumns {
                block4x8(
                    row: row, column: column, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                    b: b, bRowStride: bRowStride, c: c, cRowStride: cRowStride, accumulate: accumulate)
                column += 8
            }
            for r in row..<(row + 4) {
                remainderColumns(
                    row: r, from: fullColumns, n: n, k: k, a: a, aRowStride: aRowStride,
                    aColumnStride: aColumnStride, b: b, bRowStride: bRowStride, c: c, cRowStride: cRowStride,
                    accumulate: accumulate)
            }
            row += 4
        }
        while row < m {
            var column = 0
            while column < fullColumns {
                block1x8(
                    row: row, column: column, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                    b: b, bRowStride: bRowStride, c: c, cRowStride: cRowStride, accumulate: accumulate)
                column += 8
            }
            remainderColumns(
                row: row, from: fullColumns, n: n, k: k, a: a, aRowStride: aRowStride,
                aColumnStride: aColumnStride, b: b, bRowStride: bRowStride, c: c, cRowStride: cRowStride,
                accumulate: accumulate)
            row += 1
        }
    }

    @inlinable @inline(__always)
    static func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    static func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    static func block4x8(
        row: Int, column: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int,
        c: UnsafeMutablePointer<Float>, cRowStride: Int, accumulate: Bool
    ) {
        let c0 = c + row * cRowStride + column
        let c1 = c0 + cRowStride
        let c2 = c1 + cRowStride
        let c3 = c2 + cRowStride
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>(), acc2 = SIMD8<Float>(), acc3 = SIMD8<Float>()
        if accumulate {
            acc0 = load8(c0); acc1 = load8(c1); acc2 = load8(c2); acc3 = load8(c3)
        }
        var a0 = a + row * aRowStride
        let a1Offset = aRowStride, a2Offset = 2 * aRowStride, a3Offset = 3 * aRowStride
        var bRow = b + column
        for _ in 0..<k {
            let bValues = load8(bRow)
            acc0 += SIMD8(repeating: a0[0]) * bValues
            acc1 += SIMD8(repeating: a0[a1Offset]) * bValues
            acc2 += SIMD8(repeating: a0[a2Offset]) * bValues
            acc3 += SIMD8(repeating: a0[a3Offset]) * bValues
            a0 += aColumnStride
            bRow += bRowStride
        }
        store8(acc0, c0); store8(acc1, c1); store8(acc2, c2); store8(acc3, c3)
    }

    @inlinable @inline(__always)
    static func block1x8(
        row: Int, column: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int,
        c: UnsafeMutablePointer<Float>, cRowStride: Int, accumulate: Bool
    ) {
        let c0 = c + row * cRowStride + column
        var acc = accumulate ? load8(c0) : SIMD8<Float>()
        var a0 = a + row * aRowStride
        var bRow = b + column
        for _ in 0..<k {
            acc += SIMD8(repeating: a0[0]) * load8(bRow)
            a0 += aColumnStride
            bRow += bRowStride
        }
        store8(acc, c0)
    }

    @inlinable @inline(__always)
    static func remainderColumns(
        row: Int, from firstColumn: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int,
        c: UnsafeMutablePointer<Float>, cRowStride: Int, accumulate: Bool
    ) {
        guard firstColumn < n else { return }
        for column in firstColumn..<n {
            var sum: Float = accumulate ? c[row * cRowStride + column] : 0
            var aPointer = a + row * aRowStride
            var bPointer = b + column
            for _ in 0..<k {
                sum += aPointer[0] * bPointer[0]
                aPointer += aColumnStride
                bPointer += bRowStride
            }
            c[row * cRowStride + column] = sum
        }
    }

    /// Writes the transpose of the row-major `rows × columns` matrix `source` into `destination`.
    @inlinable
    public static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            for column in 0..<columns {
                destination[column * rows + row] = source[row * columns + column]
            }
        }
    }
}
