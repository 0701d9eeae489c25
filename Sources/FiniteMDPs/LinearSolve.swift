/// A dense LU factorisation with partial pivoting, P·M = L·U, of a square `Double` matrix.
///
/// Written here (no external BLAS or LAPACK) for the small systems of exact policy evaluation:
/// (I − γ P_π) V = r_π for the values and (I − γ P_π)ᵀ ρ = ρ0 for the discounted visitation. Both
/// are solved from one factorisation. Storage is row-major and contiguous; L has a unit diagonal and
/// shares the array with U.
public struct LUFactorization: Sendable {
    /// n, the order of the matrix.
    public let dimension: Int
    /// L below the diagonal (unit diagonal implied) and U on and above it, row-major.
    @usableFromInline let factors: [Double]
    /// Row `pivots[k]` of the original matrix became row k.
    @usableFromInline let pivots: [Int]

    /// Factors the row-major n × n `matrix`.
    ///
    /// A pivot is taken as zero when its magnitude is below n·ulp(1)·max|M| (the matrix is then
    /// numerically singular for Double).
    /// - Throws: `FiniteMDPError.shapeMismatch` if `matrix` is not n × n, `.singularSystem` on a zero pivot.
    public init(matrix: [Double], dimension: Int) throws(FiniteMDPError) {
        guard matrix.count == dimension * dimension, dimension >= 1 else {
            throw .shapeMismatch(path: "matrix", expected: dimension * dimension, found: matrix.count)
        }
        var a = matrix
        var order = Array(0..<dimension)
        let scale = a.reduce(0) { max($0, abs($1)) }
        let threshold = Double(dimension) * Double.ulpOfOne * scale
        for column in 0..<dimension {
            // Partial pivoting: the largest magnitude in this column at or below the diagonal.
            var pivotRow = column
            var pivotMagnitude = abs(a[column * dimension + column])
            for row in (column + 1)..<max(column + 1, dimension) where abs(a[row * dimension + column]) > pivotMagnitude {
                pivotRow = row
                pivotMagnitude = abs(a[row * dimension + column])
            }
            guard pivotMagnitude > threshold, pivotMagnitude > 0 else { throw .singularSystem(pivot: column) }
            if pivotRow != column {
                for index in 0..<dimension {
                    a.swapAt(column * dimension + index, pivotRow * dimension + index)
                }
                order.swapAt(column, pivotRow)
            }
            let pivot = a[column * dimension + column]
            for row in (column + 1)..<max(column + 1, dimension) {
                let multiplier = a[row * dimension + column] / pivot
                a[row * dimension + column] = multiplier
                if multiplier == 0 { continue }
                for index in (column + 1)..<dimension {
                    a[row * dimension + index] -= multiplier * a[column * dimension + index]
                }
            }
        }
        self.dimension = dimension
        self.factors = a
        self.pivots = order
    }

    /// Solves M x = b.
    ///
    /// - Precondition: `b.count == dimension`.
    public func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == dimension, "right-hand side has \(b.count) entries, expected \(dimension)")
        let n = dimension
        // Forward substitution with L (unit diagonal) on the permuted right-hand side.
        var x = pivots.map { b[$0] }
        for row in 0..<n {
            var sum = x[row]
            for index in 0..<row { sum -= factors[row * n + index] * x[index] }
            x[row] = sum
        }
        // Back substitution with U.
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[row]
            for index in (row + 1)..<max(row + 1, n) { sum -= factors[row * n + index] * x[index] }
            x[row] = sum / factors[row * n + row]
        }
        return x
    }

    /// Solves Mᵀ x = b from the same factors: Mᵀ = Uᵀ Lᵀ P, so Uᵀ z = b, Lᵀ y = z, x = Pᵀ y.
    ///
    /// - Precondition: `b.count == dimension`.
    public func solveTransposed(_ b: [Double]) -> [Double] {
        precondition(b.count == dimension, "right-hand side has \(b.count) entries, expected \(dimension)")
        let n = dimension
        var z = b
        for row in 0..<n {
            var sum = z[row]
            for index in 0..<row { sum -= factors[index * n + row] * z[index] }
            z[row] = sum / factors[row * n + row]
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = z[row]
            for index in (row + 1)..<max(row + 1, n) { sum -= factors[index * n + row] * z[index] }
            z[row] = sum
        }
        var x = [Double](repeating: 0, count: n)
        for (row, original) in pivots.enumerated() { x[original] = z[row] }
        return x
    }
}
