/// Running per-coordinate mean and variance of a stream of vectors, with a parallel merge.
///
/// Chan, Golub and LeVeque's pairwise update, the one SB3's `RunningMeanStd` uses: batches are
/// folded in with `update(batch:)` or two statistics combined with `merge(_:)`, in Double so long
/// runs do not drift. Starts with a tiny pseudo-count (as SB3, ε = 1e-4) so the first
/// normalisation is defined.
public struct RunningMeanVariance: Sendable, Hashable, Codable {
    /// The per-coordinate mean.
    public private(set) var mean: [Double]
    /// The per-coordinate (population) variance.
    public private(set) var variance: [Double]
    /// The (pseudo-)count of vectors seen.
    public private(set) var count: Double

    /// Empty statistics for vectors of `dimension` coordinates: mean 0, variance 1, count `initialCount`.
    public init(dimension: Int, initialCount: Double = 1e-4) {
        mean = [Double](repeating: 0, count: dimension)
        variance = [Double](repeating: 1, count: dimension)
        count = initialCount
    }

    /// Statistics restored from saved fields; `nil` if they are inconsistent.
    public init?(mean: [Double], variance: [Double], count: Double) {
        guard mean.count == variance.count, count > 0, count.isFinite,
            variance.allSatisfy({ $0 >= 0 && $0.isFinite }), mean.allSatisfy(\.isFinite)
        else { return nil }
        self.mean = mean
        self.variance = variance
        self.count = count
    }

    /// The number of coordinates.
    public var dimension: Int { mean.count }

    /// Folds in `rows` vectors stored row-major in `batch` (rows × dimension).
    public mutating func update(batch: [Float], rows: Int) {
        precondition(batch.count == rows * dimension, "batch is not rows × dimension")
        guard rows > 0 else { return }
        var batchMean = [Double](repeating: 0, count: dimension)
        var batchVariance = [Double](repeating: 0, count: dimension)
        for row in 0..<rows {
            for column in 0..<dimension { batchMean[column] += Double(batch[row * dimension + column]) }
        }
        for column in 0..<dimension { batchMean[column] /= Double(rows) }
        for row in 0..<rows {
            for column in 0..<dimension {
                let deviation = Double(batch[row * dimension + column]) - batchMean[column]
                batchVariance[column] += deviation * deviation
            }
        }
        for column in 0..<dimension { batchVariance[column] /= Double(rows) }
        merge(mean: batchMean, variance: batchVariance, count: Double(rows))
    }

    /// Combines these statistics with another's, as if all their vectors had been seen here.
    public mutating func merge(_ other: RunningMeanVariance) {
        merge(mean: other.mean, variance: other.variance, count: other.count)
    }

    private mutating func merge(mean otherMean: [Double], variance otherVariance: [Double], count otherCount: Double) {
        precondition(otherMean.count == dimension, "dimensions differ")
        let total = count + otherCount
        for column in 0..<dimension {
            let delta = otherMean[column] - mean[column]
            let combinedSquares =
                variance[column] * count + otherVariance[column] * otherCount
                + delta * delta * count * otherCount / total
            mean[column] += delta * otherCount / total
            variance[column] = combinedSquares / total
        }
        count = total
    }
}
