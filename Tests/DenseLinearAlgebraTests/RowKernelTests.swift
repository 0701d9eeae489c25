import Testing
@testable import DenseLinearAlgebra

/// The C kernels of the steps around the products (bias rows, column sums, tanh's derivative, the
/// transpose) give, in every variant this processor runs, exactly the bits of the Swift loops they
/// replaced, for widths with and without a vector remainder.
@Suite struct RowKernelTests {
    static let shapes = [(1, 1), (3, 17), (256, 64), (256, 2), (256, 1), (64, 130), (7, 100)]
    static var variants: [MatrixProduct.Variant] { MatrixProduct.Variant.allCases.filter(\.isSupported) }

    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var stream = RandomStream(seed: seed)
        return (0..<count).map { _ in Float(stream.nextNormal()) * [1e-3, 1, 1e3][Int(stream.nextInt(below: 3))] }
    }

    @Test(arguments: shapes)
    func columnSumsAddRowsInOrder(shape: (Int, Int)) {
        let (rows, columns) = shape
        let matrix = Self.values(rows * columns, seed: 1), start = Self.values(columns, seed: 2)
        var expected = start
        for row in 0..<rows { for column in 0..<columns { expected[column] += matrix[row * columns + column] } }
        for variant in Self.variants {
            var sums = start
            sums.withUnsafeMutableBufferPointer { s in
                MatrixProduct.addColumnSums(of: matrix, rows: rows, columns: columns, into: s.baseAddress!, variant: variant)
            }
            #expect(sums.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant)")
        }
    }

    @Test(arguments: shapes)
    func tanhDerivativeRoundsEachOperation(shape: (Int, Int)) {
        let count = shape.0 * shape.1
        let gradient = Self.values(count, seed: 3), output = Self.values(count, seed: 4).map { $0 / 1000 }
        let expected = (0..<count).map { gradient[$0] * (1 - output[$0] * output[$0]) }
        for variant in Self.variants {
            var result = gradient
            result.withUnsafeMutableBufferPointer { r in
                MatrixProduct.multiplyByTanhDerivative(r.baseAddress!, output: output, count: count, variant: variant)
            }
            #expect(result.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant)")
        }
    }

    @Test(arguments: shapes)
    func rowsAndTransposeMoveEveryElement(shape: (Int, Int)) {
        let (rows, columns) = shape
        let row = Self.values(columns, seed: 5), source = Self.values(rows * columns, seed: 6)
        for variant in Self.variants {
            var filled = [Float](repeating: .nan, count: rows * columns)
            var transposed = filled
            filled.withUnsafeMutableBufferPointer { f in
                MatrixProduct.broadcastRows(row, rows: rows, columns: columns, into: f.baseAddress!, variant: variant)
            }
            transposed.withUnsafeMutableBufferPointer { t in
                MatrixProduct.transpose(source, rows: rows, columns: columns, into: t.baseAddress!, variant: variant)
            }
            for r in 0..<rows {
                for c in 0..<columns {
                    #expect(filled[r * columns + c].bitPattern == row[c].bitPattern, "\(variant)")
                    #expect(transposed[c * rows + r].bitPattern == source[r * columns + c].bitPattern, "\(variant)")
                }
            }
        }
    }
}
