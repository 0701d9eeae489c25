import DenseLinearAlgebra
import Testing
@testable import FiniteMDPs

/// The dense LU factorisation with partial pivoting.
@Suite struct LinearSolveTests {
    /// M x for a row-major n × n matrix.
    static func multiply(_ matrix: [Double], _ x: [Double], transposed: Bool = false) -> [Double] {
        let n = x.count
        return (0..<n).map { row in
            (0..<n).reduce(0.0) { $0 + (transposed ? matrix[$1 * n + row] : matrix[row * n + $1]) * x[$1] }
        }
    }

    @Test func solvesASystemThatNeedsPivoting() throws {
        // A zero in the (0, 0) position: elimination without row exchanges would divide by zero.
        let matrix: [Double] = [0, 2, 1, 1, 1, 1, 2, 1, 0]
        let lu = try LUFactorization(matrix: matrix, dimension: 3)
        let x = lu.solve([5, 4, 4])  // exact solution (1, 2, 1)
        for (value, expected) in zip(x, [1.0, 2, 1]) { #expect(abs(value - expected) < 1e-14) }
        let y = lu.solveTransposed([4, 5, 3])  // checked by its residual
        let residual = zip(Self.multiply(matrix, y, transposed: true), [4.0, 5, 3]).map { abs($0 - $1) }.max() ?? 1
        #expect(residual < 1e-13)
    }

    /// Random well-conditioned systems (diagonally dominant): residuals at the level of rounding.
    @Test(arguments: [1, 2, 5, 17, 40])
    func randomSystemsHaveTinyResiduals(dimension: Int) throws {
        var stream = RandomStream(seed: UInt64(dimension))
        var matrix = (0..<(dimension * dimension)).map { _ in stream.nextUniform(low: -1, high: 1) }
        for index in 0..<dimension { matrix[index * dimension + index] += Double(dimension) }
        let b = (0..<dimension).map { _ in stream.nextNormal() }
        let lu = try LUFactorization(matrix: matrix, dimension: dimension)
        let x = lu.solve(b)
        let xt = lu.solveTransposed(b)
        let residual = zip(Self.multiply(matrix, x), b).map { abs($0 - $1) }.max() ?? 1
        let residualTransposed = zip(Self.multiply(matrix, xt, transposed: true), b).map { abs($0 - $1) }.max() ?? 1
        #expect(residual < 1e-12)
        #expect(residualTransposed < 1e-12)
    }

    @Test func rejectsSingularAndMisshapenMatrices() {
        #expect(throws: FiniteMDPError.singularSystem(pivot: 1)) {
            try LUFactorization(matrix: [1, 2, 2, 4], dimension: 2)
        }
        #expect(throws: FiniteMDPError.shapeMismatch(path: "matrix", expected: 4, found: 3)) {
            try LUFactorization(matrix: [1, 2, 3], dimension: 2)
        }
    }
}
