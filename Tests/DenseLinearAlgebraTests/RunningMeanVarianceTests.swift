import Testing
@testable import DenseLinearAlgebra

@Suite struct RunningMeanVarianceTests {
    /// Batched updates and merges agree with the two-pass mean and variance to 1e-9.
    @Test func matchesTwoPassStatistics() {
        var stream = RandomStream(seed: 3)
        let dimension = 3
        let rows = 500
        let data = (0..<(rows * dimension)).map { index in
            Float(stream.nextNormal(mean: Double(index % dimension), standardDeviation: 2.0))
        }
        var incremental = RunningMeanVariance(dimension: dimension, initialCount: 0.0.nextUp)
        // Three uneven batches.
        for (start, end) in [(0, 7), (7, 300), (300, rows)] {
            incremental.update(batch: Array(data[(start * dimension)..<(end * dimension)]), rows: end - start)
        }
        var left = RunningMeanVariance(dimension: dimension, initialCount: 0.0.nextUp)
        var right = RunningMeanVariance(dimension: dimension, initialCount: 0.0.nextUp)
        left.update(batch: Array(data[0..<(250 * dimension)]), rows: 250)
        right.update(batch: Array(data[(250 * dimension)...]), rows: rows - 250)
        left.merge(right)
        for column in 0..<dimension {
            let values = (0..<rows).map { Double(data[$0 * dimension + column]) }
            let mean = values.reduce(0, +) / Double(rows)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rows)
            #expect(abs(incremental.mean[column] - mean) < 1e-9)
            #expect(abs(incremental.variance[column] - variance) < 1e-9)
            #expect(abs(left.mean[column] - mean) < 1e-9)
            #expect(abs(left.variance[column] - variance) < 1e-9)
        }
    }

    @Test func rejectsInconsistentFields() {
        #expect(RunningMeanVariance(mean: [0, 1], variance: [1], count: 1) == nil)
        #expect(RunningMeanVariance(mean: [0], variance: [-1], count: 1) == nil)
        #expect(RunningMeanVariance(mean: [0], variance: [1], count: 0) == nil)
        #expect(RunningMeanVariance(mean: [0], variance: [1], count: 2) != nil)
    }
}
