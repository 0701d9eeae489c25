import DenseLinearAlgebra
import Testing
import _TestSupport
@testable import Policies

@Suite struct EmpiricalFisherTests {
    /// F̂v from the two passes equals (1/N) Σᵢ gᵢ(gᵢᵀv) built from explicit per-sample gradients
    /// gᵢ = ∇_θ log π(aᵢ|sᵢ), each by central differences of the Double reference (h = 1e-5):
    /// relative error ≤ 1e-3, for every distribution, an MLP and a linear policy, several blocks.
    @Test(arguments: TestDistribution.all, [[6, 5], []])
    func productMatchesPerSampleGradientCovariance(kind: TestDistribution, hidden: [Int]) {
        let problem = PolicyProblem(kind, hidden: hidden, rows: 9, seed: 11)
        var stream = RandomStream(seed: 111)
        let v = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
        let batch = problem.batch(blockSize: 4)
        batch.evaluate(at: problem.theta)
        let product = batch.empiricalFisherVectorProduct(v, damping: 0)

        let theta = problem.theta.map(Double.init)
        var explicit = [Double](repeating: 0, count: theta.count)
        for row in 0..<problem.rows {
            let g = centralDifferenceGradient(of: { problem.logProbabilities($0)[row] }, at: theta, step: 1e-5)
            let gv = zip(g, v).reduce(0) { $0 + $1.0 * Double($1.1) }
            for index in explicit.indices { explicit[index] += g[index] * gv / Double(problem.rows) }
        }
        #expect(relativeError(product, explicit) < 1e-3, "\(kind), hidden \(hidden)")
    }

    /// F̂ is symmetric positive semidefinite (uᵀF̂v = vᵀF̂u to 1e-5, vᵀF̂v ≥ 0), damping adds λv, and
    /// two threads give the bits of one.
    @Test(arguments: TestDistribution.all) func symmetricDampedAndThreadInvariant(kind: TestDistribution) {
        let problem = PolicyProblem(kind, rows: 40, seed: 12)
        let batch = problem.batch(blockSize: 16)
        batch.evaluate(at: problem.theta)
        let threaded = problem.batch(threads: 2, blockSize: 16)
        threaded.evaluate(at: problem.theta)
        var stream = RandomStream(seed: 122)
        for _ in 0..<3 {
            let u = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
            let v = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
            let uFv = VectorOperations.dot(u, batch.empiricalFisherVectorProduct(v, damping: 0))
            let vFu = VectorOperations.dot(v, batch.empiricalFisherVectorProduct(u, damping: 0))
            #expect(abs(uFv - vFu) <= 1e-5 * max(abs(uFv), 1))
            #expect(VectorOperations.dot(v, batch.empiricalFisherVectorProduct(v, damping: 0)) >= 0)
            let plain = batch.empiricalFisherVectorProduct(v, damping: 0)
            let damped = batch.empiricalFisherVectorProduct(v, damping: 0.25)
            #expect(maximumAbsoluteDifference(zip(damped, plain).map { $0 - $1 }, v.map { $0 * 0.25 }) < 1e-5)
            #expect(threaded.empiricalFisherVectorProduct(v, damping: 0.1) == batch.empiricalFisherVectorProduct(v, damping: 0.1))
        }
    }
}
