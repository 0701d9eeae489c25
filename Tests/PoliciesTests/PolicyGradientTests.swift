import DenseLinearAlgebra
import Foundation
import Testing
import _TestSupport
@testable import Policies

@Suite struct PolicyGradientTests {
    /// ∇θ [Σ wᵢ log π(aᵢ|sᵢ) + c·H̄] against central differences in Double: relative error ≤ 1e-4.
    @Test(arguments: TestDistribution.all)
    func gradientMatchesFiniteDifferences(kind: TestDistribution) {
        let problem = PolicyProblem(kind, seed: 7)
        var stream = RandomStream(seed: 77)
        let weights = (0..<problem.rows).map { _ in stream.nextNormal() }
        let batch = problem.batch(blockSize: 3)
        batch.evaluate(at: problem.theta)
        let gradient = batch.gradient(logProbabilityWeights: weights, entropyWeight: 0.3)
        let numeric = centralDifferenceGradient(
            of: { problem.weightedLogLikelihood($0, weights: weights, entropyWeight: 0.3) }, at: problem.theta, step: 1e-6)
        #expect(relativeError(gradient, numeric) < 1e-4)
    }

    /// Log-probabilities and entropy agree with the Double reference to 1e-5.
    @Test(arguments: TestDistribution.all)
    func logProbabilitiesAndEntropyMatchReference(kind: TestDistribution) {
        let problem = PolicyProblem(kind, seed: 8)
        let batch = problem.batch()
        batch.evaluate(at: problem.theta)
        let theta = problem.theta.map(Double.init)
        #expect(maximumAbsoluteDifference(batch.logProbabilities(), problem.logProbabilities(theta)) < 1e-5)
        #expect(abs(batch.meanEntropy() - problem.meanEntropy(theta)) < 1e-5)
    }

    /// Sampled categorical actions follow p (each frequency within 5 standard errors over 20,000 draws);
    /// the mode is the argmax; acting reports the same log-probabilities as the batch.
    @Test func categoricalSamplingFollowsProbabilities() {
        let problem = PolicyProblem(.categorical(3), rows: 1, seed: 9)
        let workspace = problem.policy.makeActingEvaluator(rows: 1)
        var stream = RandomStream(seed: 99)
        var counts = [0, 0, 0]
        let draws = 20_000
        var first: PolicyActions?
        for _ in 0..<draws {
            let acted = problem.policy.act(
                parameters: problem.theta, observations: problem.observations, rows: 1, deterministic: false,
                stream: &stream, evaluator: workspace)
            counts[Int(acted.actions[0])] += 1
            if first == nil { first = acted }
        }
        let outputs = problem.outputs(problem.theta.map(Double.init)).outputs
        let p = TestDistribution.logSoftmax(outputs[...]).map(exp)
        for a in 0..<3 {
            let standardError = (p[a] * (1 - p[a]) / Double(draws)).squareRoot()
            #expect(abs(Double(counts[a]) / Double(draws) - p[a]) < 5 * standardError + 1e-9)
        }
        let mode = problem.policy.act(
            parameters: problem.theta, observations: problem.observations, rows: 1, deterministic: true,
            stream: &stream, evaluator: workspace)
        #expect(Int(mode.actions[0]) == p.indices.max { p[$0] < p[$1] })
    }

    /// Gaussian actions have mean μ and standard deviation σ (within 5 standard errors).
    @Test func gaussianSamplingHasRightMoments() {
        let problem = PolicyProblem(.gaussian(1), rows: 1, seed: 10)
        let workspace = problem.policy.makeActingEvaluator(rows: 1)
        var stream = RandomStream(seed: 100)
        let draws = 20_000
        var samples: [Double] = []
        for _ in 0..<draws {
            let acted = problem.policy.act(
                parameters: problem.theta, observations: problem.observations, rows: 1, deterministic: false,
                stream: &stream, evaluator: workspace)
            samples.append(Double(acted.actions[0]))
        }
        let mean = problem.outputs(problem.theta.map(Double.init)).outputs[0]
        let sigma = exp(Double(problem.theta[problem.policy.extraParameterOffset]))
        let sampleMean = samples.reduce(0, +) / Double(draws)
        let sampleVariance = samples.map { ($0 - sampleMean) * ($0 - sampleMean) }.reduce(0, +) / Double(draws)
        #expect(abs(sampleMean - mean) < 5 * sigma / Double(draws).squareRoot())
        #expect(abs(sampleVariance - sigma * sigma) < 5 * sigma * sigma * (2 / Double(draws)).squareRoot())
    }
}
