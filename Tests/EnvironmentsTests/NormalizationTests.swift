import DenseLinearAlgebra
import Environments
import Testing
import _TestSupport

/// Pooled mean and variance of `rows` merged with SB3's prior (mean 0, variance 1, count 1e-4).
private func pooledStatistics(_ rows: [[Double]]) -> (mean: [Double], variance: [Double]) {
    let dimension = rows[0].count
    let count = Double(rows.count)
    let total = count + 1e-4
    var mean = [Double](repeating: 0, count: dimension)
    var variance = [Double](repeating: 0, count: dimension)
    for column in 0..<dimension {
        let dataMean = rows.reduce(0) { $0 + $1[column] } / count
        let dataVariance = rows.reduce(0) { $0 + ($1[column] - dataMean) * ($1[column] - dataMean) } / count
        mean[column] = dataMean * count / total
        variance[column] = (1e-4 * 1 + count * dataVariance + dataMean * dataMean * 1e-4 * count / total) / total
    }
    return (mean, variance)
}

@Suite("Observation and reward normalisation (SB3 VecNormalize)")
struct NormalizationTests {
    @Test func matchesVecNormalizeFormulas() throws {
        let copies = 3
        let twin = try VectorEnvironment(id: CartPole.id, count: copies)
        let normalized = NormalizedVectorEnvironment(
            try VectorEnvironment(id: CartPole.id, count: copies, threads: 2), normalizesRewards: true, discount: 0.9)
        var seen: [[Double]] = []
        func rows(_ flat: [Float]) -> [[Double]] { (0..<copies).map { i in (0..<4).map { Double(flat[i * 4 + $0]) } } }
        func expectNormalized(_ output: [Float], raw: [Float], context: String) {
            let (mean, variance) = pooledStatistics(seen)
            let expected = raw.enumerated().map { index, value in
                Float(min(max((Double(value) - mean[index % 4]) / (variance[index % 4] + 1e-8).squareRoot(), -10), 10))
            }
            #expect(maximumAbsoluteDifference(output, expected) <= 1e-5, "\(context)")
        }
        let raw = try twin.reset(seed: 5)
        seen += rows(raw)
        expectNormalized(try normalized.reset(seed: 5), raw: raw, context: "reset")
        var returns = [Double](repeating: 0, count: copies)
        var returnHistory: [[Double]] = []
        var stream = RandomStream(seed: 1)
        var finals = 0
        for step in 0..<80 {
            let actions = (0..<copies).map { _ in Action.discrete(stream.nextInt(below: 2)) }
            let expected = try twin.step(actions)
            let result = try normalized.step(actions)
            seen += rows(expected.observations)
            expectNormalized(result.observations, raw: expected.observations, context: "step \(step)")
            for copy in 0..<copies {
                returns[copy] = returns[copy] * 0.9 + expected.rewards[copy]
            }
            returnHistory += returns.map { [$0] }
            let returnVariance = pooledStatistics(returnHistory).variance[0]
            for copy in 0..<copies {
                let reward = min(max(expected.rewards[copy] / (returnVariance + 1e-8).squareRoot(), -10), 10)
                #expect(abs(result.rewards[copy] - reward) <= 1e-9, "step \(step) reward")
                if let rawFinal = expected.finalObservations[copy] {
                    finals += 1
                    let final = try #require(result.finalObservations[copy], "final observations are kept")
                    expectNormalized(final, raw: rawFinal, context: "step \(step) final observation")
                }
                if expected.terminated[copy] || expected.truncated[copy] { returns[copy] = 0 }
            }
        }
        #expect(finals > 0)
        #expect(normalized.takeCompletedEpisodes() == twin.takeCompletedEpisodes(), "raw episode returns pass through")
    }

    @Test func frozenStatisticsDoNotMoveAndCanBeTransplanted() throws {
        let training = NormalizedVectorEnvironment(
            try VectorEnvironment(id: Pendulum.id, count: 2), normalizesRewards: true)
        _ = try training.reset(seed: 0)
        for _ in 0..<50 { _ = try training.step([.continuous([1]), .continuous([-1])]) }
        let evaluation = NormalizedVectorEnvironment(
            try VectorEnvironment(id: Pendulum.id, count: 2), normalizesRewards: true)
        evaluation.observationStatistics = training.observationStatistics
        evaluation.returnStatistics = training.returnStatistics
        evaluation.isFrozen = true
        training.isFrozen = true
        let observations = try evaluation.reset(seed: 7)
        #expect(observations == training.normalize(observations: evaluation.rawObservations))
        for _ in 0..<30 { _ = try evaluation.step([.continuous([0.3]), .continuous([0.3])]) }
        #expect(evaluation.observationStatistics == training.observationStatistics)
        #expect(evaluation.returnStatistics == training.returnStatistics)
        #expect(training.observationStatistics.count == 2 * 51 + 1e-4)
    }

    @Test func observationsAreClippedToTen() throws {
        let normalized = NormalizedVectorEnvironment(try VectorEnvironment(id: MountainCar.id, count: 1))
        let statistics = RunningMeanVariance(mean: [0, 0], variance: [1e-6, 1e-6], count: 10)
        normalized.observationStatistics = statistics ?? normalized.observationStatistics
        #expect(normalized.normalize(observations: [0.5, -0.05]) == [10, -10])
    }
}
