import Testing
@testable import DenseLinearAlgebra

@Suite struct TransposeTests {
    /// The tiled transpose moves every element to its place, for shapes with and without partial tiles.
    @Test(arguments: [(1, 1), (3, 17), (8, 8), (64, 64), (64, 2), (11, 64), (9, 23)])
    func transposeIsExact(shape: (Int, Int)) {
        let (rows, columns) = shape
        let source = (0..<(rows * columns)).map { Float($0) }
        var destination = [Float](repeating: -1, count: rows * columns)
        source.withUnsafeBufferPointer { s in
            destination.withUnsafeMutableBufferPointer { d in
                MatrixProduct.transpose(s.baseAddress!, rows: rows, columns: columns, into: d.baseAddress!)
            }
        }
        for row in 0..<rows {
            for column in 0..<columns {
                #expect(destination[column * rows + row] == source[row * columns + column])
            }
        }
    }
}
