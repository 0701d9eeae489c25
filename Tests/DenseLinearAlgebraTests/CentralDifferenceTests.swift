import DenseLinearAlgebra
import Foundation
import Testing
import _TestSupport

/// The test targets' one finite-difference helper, checked on a function whose gradient is known.
@Suite struct CentralDifferenceTests {
    /// f(x) = ½xᵀAx + bᵀx + Σ sin xᵢ has ∇f = ½(A + Aᵀ)x + b + cos x. With h = 1e-6 the central
    /// difference is within 1e-8 of it (truncation h²·|f‴|/6 ≈ 1e-13, rounding ≈ ε·|f|/h ≈ 1e-9).
    @Test func matchesAKnownGradient() {
        let n = 7
        var stream = RandomStream(seed: 12)
        let a = (0..<(n * n)).map { _ in stream.nextNormal() }
        let b = (0..<n).map { _ in stream.nextNormal() }
        let x = (0..<n).map { _ in Float(stream.nextNormal()) }
        func f(_ y: [Double]) -> Double {
            var total = 0.0
            for i in 0..<n {
                for j in 0..<n { total += 0.5 * y[i] * a[i * n + j] * y[j] }
                total += b[i] * y[i] + sin(y[i])
            }
            return total
        }
        let point = x.map(Double.init)
        let exact = (0..<n).map { i in
            (0..<n).reduce(0.0) { $0 + 0.5 * (a[i * n + $1] + a[$1 * n + i]) * point[$1] } + b[i] + cos(point[i])
        }
        let numeric = centralDifferenceGradient(of: f, at: x, step: 1e-6)
        #expect(numeric.count == n)
        #expect(maximumAbsoluteDifference(numeric, exact) < 1e-8)
        // A Float point is widened first: the same numbers as the Double point.
        #expect(numeric == centralDifferenceGradient(of: f, at: point, step: 1e-6))
    }
}
