/// The eigendecomposition A = B diag(λ) Bᵀ of a real symmetric matrix by cyclic Jacobi rotations.
///
/// O(n³) per sweep and a handful of sweeps: meant for the small matrices (n up to a few hundred)
/// of CMA-ES's covariance, where it is accurate to rounding and needs no LAPACK.
public enum SymmetricEigendecomposition {
    /// (eigenvalues λ, eigenvectors B row-major n × n with the eigenvectors as columns) of the
    /// symmetric row-major n × n matrix `matrix` (only its upper triangle is read).
    public static func decompose(_ matrix: [Double], dimension n: Int, maxSweeps: Int = 64)
        -> (values: [Double], vectors: [Double])
    {
        precondition(matrix.count == n * n, "matrix is not n × n")
        var a = matrix
        for i in 0..<n { for j in 0..<i { a[i * n + j] = a[j * n + i] } }
        var vectors = [Double](repeating: 0, count: n * n)
        for i in 0..<n { vectors[i * n + i] = 1 }
        for _ in 0..<maxSweeps {
            var offDiagonal = 0.0
            var diagonal = 0.0
            for i in 0..<n {
                diagonal += a[i * n + i] * a[i * n + i]
                for j in (i + 1)..<max(n, i + 1) { offDiagonal += a[i * n + j] * a[i * n + j] }
            }
            if offDiagonal <= 1e-30 * max(diagonal, .leastNormalMagnitude) { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where a[p * n + q] != 0 {
                    rotate(&a, &vectors, n: n, p: p, q: q)
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, vectors)
    }

    /// One Jacobi rotation zeroing a[p][q] (Golub & Van Loan, Algorithm 8.5.1's symmetric Schur step).
    private static func rotate(_ a: inout [Double], _ vectors: inout [Double], n: Int, p: Int, q: Int) {
        let apq = a[p * n + q]
        let tau = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        let t = (tau >= 0 ? 1 : -1) / (abs(tau) + (1 + tau * tau).squareRoot())
        let c = 1 / (1 + t * t).squareRoot()
        let s = t * c
        for k in 0..<n {
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        for k in 0..<n {
            let vkp = vectors[k * n + p], vkq = vectors[k * n + q]
            vectors[k * n + p] = c * vkp - s * vkq
            vectors[k * n + q] = s * vkp + c * vkq
        }
    }
}
