import Testing
@testable import DenseLinearAlgebra

@Suite struct ConjugateGradientTests {
    /// A random SPD matrix A = BᵀB + I (n × n, row-major) in Double.
    func randomSymmetricPositiveDefinite(_ n: Int, seed: UInt64) -> [Double] {
        var stream = RandomStream(seed: seed)
        let b = (0..<(n * n)).map { _ in stream.nextNormal() / Double(n).squareRoot() }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = i == j ? 1.0 : 0.0
                for k in 0..<n { sum += b[k * n + i] * b[k * n + j] }
                a[i * n + j] = sum
            }
        }
        return a
    }

    func apply(_ a: [Double], _ x: [Float]) -> [Float] {
        let n = x.count
        return (0..<n).map { i in Float((0..<n).reduce(0.0) { $0 + a[i * n + $1] * Double(x[$1]) }) }
    }

    /// Solves a random 40 × 40 SPD system to 1e-6 relative residual, measured independently in Double.
    @Test func solvesSymmetricPositiveDefiniteSystem() {
        let n = 40
        let a = randomSymmetricPositiveDefinite(n, seed: 1)
        var stream = RandomStream(seed: 2)
        let b = (0..<n).map { _ in Float(stream.nextNormal()) }
        let result = conjugateGradient(applying: { apply(a, $0) }, to: b, maxIterations: 200, residualTolerance: 1e-7)
        #expect(result.termination == .converged)
        var residual = 0.0, reference = 0.0
        for i in 0..<n {
            let ax = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * Double(result.solution[$1]) }
            residual += (Double(b[i]) - ax) * (Double(b[i]) - ax)
            reference += Double(b[i]) * Double(b[i])
        }
        #expect((residual / reference).squareRoot() < 1e-6)
    }

    /// On an indefinite operator the solver stops with the reason and returns finite numbers.
    @Test func stopsOnIndefiniteOperator() {
        let b: [Float] = [1, 1, 1]
        let result = conjugateGradient(
            applying: { x in [x[0], -2 * x[1], x[2]] }, to: b, maxIterations: 10)
        #expect(result.termination == .nonPositiveCurvature)
        #expect(result.solution.allSatisfy { $0.isFinite })
    }

    @Test func stopsOnNonFiniteOperator() {
        let result = conjugateGradient(applying: { x in x.map { _ in Float.nan } }, to: [1, 2], maxIterations: 10)
        #expect(result.termination == .nonFinite)
        #expect(result.solution == [0, 0])
    }

    @Test func zeroRightHandSideConvergesImmediately() {
        let result = conjugateGradient(applying: { $0 }, to: [0, 0, 0], maxIterations: 10)
        #expect(result.iterations == 0)
        #expect(result.termination == .converged)
    }

    @Test func respectsIterationCap() {
        let a = randomSymmetricPositiveDefinite(30, seed: 4)
        let b = [Float](repeating: 1, count: 30)
        let result = conjugateGradient(applying: { apply(a, $0) }, to: b, maxIterations: 3, residualTolerance: 0)
        #expect(result.iterations == 3)
        #expect(result.termination == .iterationLimit)
    }
}
