import DenseLinearAlgebra
import Testing
import _TestSupport
@testable import Policies

@Suite struct FisherVectorProductTests {
    /// KL(p‖p) = 0 exactly for every distribution.
    @Test(arguments: TestDistribution.all) func divergenceFromItselfIsZero(kind: TestDistribution) {
        let problem = PolicyProblem(kind, seed: 1)
        let batch = problem.batch()
        batch.evaluate(at: problem.theta)
        let kl = batch.divergence(from: batch.distributions)
        #expect(kl.mean == 0 && kl.maximum == 0)
    }

    /// The gradient of the mean KL at θ_old vanishes: central differences of D̄_KL(θ_old, θ_old ± h eᵢ)
    /// in Double are below 1e-9 (they are O(h)).
    @Test(arguments: TestDistribution.all) func divergenceGradientVanishesAtOld(kind: TestDistribution) {
        let problem = PolicyProblem(kind, seed: 2)
        let old = problem.theta.map(Double.init)
        let slopes = centralDifferenceGradient(of: { problem.meanDivergence(old: old, new: $0) }, at: old, step: 1e-5)
        for (index, slope) in slopes.enumerated() {
            #expect(abs(slope) < 1e-9, "coordinate \(index)")
        }
    }

    /// Jᵀ M J v equals the finite-difference Hessian of the mean KL applied to v (relative error
    /// ≤ 1e-3); Hv by central second differences of D̄_KL(θ_old, θ_old ± h eᵢ ± h v) in Double: the
    /// gradient in θ of the directional derivative along v, both by central differences.
    @Test(arguments: TestDistribution.all) func fisherProductMatchesKLHessian(kind: TestDistribution) {
        let problem = PolicyProblem(kind, seed: 3)
        var stream = RandomStream(seed: 33)
        let v = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
        let batch = problem.batch()
        batch.evaluate(at: problem.theta)
        let product = batch.fisherVectorProduct(v, damping: 0)
        let old = problem.theta.map(Double.init)
        let h = 1e-4
        func directionalDerivative(at theta: [Double]) -> Double {
            centralDifferenceGradient(
                of: { s in problem.meanDivergence(old: old, new: zip(theta, v).map { $0 + s[0] * Double($1) }) },
                at: [0.0], step: h)[0]
        }
        let numeric = centralDifferenceGradient(of: directionalDerivative(at:), at: old, step: h)
        #expect(relativeError(product, numeric) < 1e-3)
    }

    /// uᵀFv = vᵀFu (1e-5 relative) and vᵀFv ≥ 0 for random vectors.
    @Test(arguments: TestDistribution.all) func fisherIsSymmetricPositiveSemidefinite(kind: TestDistribution) {
        let problem = PolicyProblem(kind, seed: 4)
        let batch = problem.batch()
        batch.evaluate(at: problem.theta)
        var stream = RandomStream(seed: 44)
        for _ in 0..<5 {
            let u = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
            let v = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
            let uFv = VectorOperations.dot(u, batch.fisherVectorProduct(v, damping: 0))
            let vFu = VectorOperations.dot(v, batch.fisherVectorProduct(u, damping: 0))
            #expect(abs(uFv - vFu) <= 1e-5 * max(abs(uFv), 1))
            #expect(VectorOperations.dot(v, batch.fisherVectorProduct(v, damping: 0)) >= 0)
        }
    }

    /// Damping adds λv.
    @Test func dampingAddsScaledVector() {
        let problem = PolicyProblem(.categorical(3), seed: 5)
        let batch = problem.batch()
        batch.evaluate(at: problem.theta)
        let v = [Float](repeating: 0.5, count: problem.policy.parameterCount)
        let plain = batch.fisherVectorProduct(v, damping: 0)
        let damped = batch.fisherVectorProduct(v, damping: 0.1)
        #expect(maximumAbsoluteDifference(zip(damped, plain).map { $0 - $1 }, v.map { $0 * 0.1 }) < 1e-6)
    }

    /// Threads and block splits give the same bits as serial work on one block... of the same size:
    /// blocks fix the summation order, threads do not change it.
    @Test(arguments: TestDistribution.all) func threadsDoNotChangeBits(kind: TestDistribution) {
        let problem = PolicyProblem(kind, rows: 100, seed: 6)
        var stream = RandomStream(seed: 66)
        let v = (0..<problem.policy.parameterCount).map { _ in Float(stream.nextNormal()) }
        let weights = (0..<problem.rows).map { _ in stream.nextNormal() }
        var results: [[Float]] = []
        for threads in [1, 2, 3] {
            let batch = problem.batch(threads: threads, blockSize: 16)
            batch.evaluate(at: problem.theta)
            results.append(batch.fisherVectorProduct(v, damping: 0.1) + batch.gradient(logProbabilityWeights: weights))
        }
        #expect(results[0] == results[1] && results[1] == results[2])
    }
}
