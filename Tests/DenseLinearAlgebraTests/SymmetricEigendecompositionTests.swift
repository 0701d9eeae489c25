import Testing
@testable import DenseLinearAlgebra

@Suite struct SymmetricEigendecompositionTests {
    /// A random symmetric 7 × 7 matrix: B diag(λ) Bᵀ rebuilds it and BᵀB = I, both to 1e-12; a
    /// diagonal matrix gives its own diagonal.
    @Test func rebuildsTheMatrixWithOrthonormalVectors() {
        let n = 7
        var stream = RandomStream(seed: 3)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { a[i * n + j] = stream.nextNormal(); a[j * n + i] = a[i * n + j] } }
        let (values, vectors) = SymmetricEigendecomposition.decompose(a, dimension: n)
        for i in 0..<n {
            for j in 0..<n {
                let rebuilt = (0..<n).reduce(0.0) { $0 + vectors[i * n + $1] * values[$1] * vectors[j * n + $1] }
                let gram = (0..<n).reduce(0.0) { $0 + vectors[$1 * n + i] * vectors[$1 * n + j] }
                #expect(abs(rebuilt - a[i * n + j]) < 1e-12)
                #expect(abs(gram - (i == j ? 1 : 0)) < 1e-12)
            }
        }
        let diagonal = SymmetricEigendecomposition.decompose([2, 0, 0, 0, -1, 0, 0, 0, 5], dimension: 3)
        #expect(diagonal.values == [2, -1, 5])
    }
}
