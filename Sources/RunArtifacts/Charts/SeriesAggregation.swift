/// Summaries of several runs of one curve (one per seed): mean ± standard deviation on a common grid.
public enum SeriesAggregation {
    /// The mean curve of `runs` with `spread` set to the standard deviation across runs.
    ///
    /// Points with a non-finite coordinate are dropped and each run is sorted by x. If every run has
    /// the same x values (seeds of one algorithm log at the same timesteps), those are the grid.
    /// Otherwise each run is linearly interpolated onto `gridPointCount` evenly spaced x values over
    /// the range that all runs cover (from the latest first x to the earliest last x), so no run is
    /// extrapolated. The standard deviation is the population one (divide by the number of runs, as
    /// NumPy's `std`), so a single run gets a zero-width band. Returns no points when no run has data
    /// or the runs' x ranges do not overlap.
    public static func meanAndStandardDeviation(of runs: [[ChartPoint]], gridPointCount: Int = 100) -> [ChartPoint] {
        let cleaned = runs.map { run in
            run.filter { $0.x.isFinite && $0.y.isFinite }.enumerated()
                .sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
        }.filter { !$0.isEmpty }
        guard let firstRun = cleaned.first else { return [] }

        let grid: [Double]
        let sharedXs = firstRun.map(\.x)
        if cleaned.allSatisfy({ $0.map(\.x) == sharedXs }) {
            grid = sharedXs
        } else {
            let lower = cleaned.map { $0[0].x }.max() ?? 0
            let upper = cleaned.map { $0[$0.count - 1].x }.min() ?? 0
            guard lower <= upper else { return [] }
            let count = max(gridPointCount, 2)
            grid = lower == upper ? [lower] : (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
        }

        return grid.enumerated().map { gridIndex, x in
            let values = cleaned.map { run in
                run.count == grid.count && run[gridIndex].x == x ? run[gridIndex].y : interpolate(run, at: x)
            }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            return ChartPoint(x: x, y: mean, spread: variance.squareRoot())
        }
    }

    /// The linear interpolation of a sorted run at `x`, clamped to its first and last values.
    static func interpolate(_ run: [ChartPoint], at x: Double) -> Double {
        guard let first = run.first, let last = run.last else { return .nan }
        if x <= first.x { return first.y }
        if x >= last.x { return last.y }
        // Binary search for the first point at or beyond x.
        var low = 0
        var high = run.count - 1
        while low < high {
            let middle = (low + high) / 2
            if run[middle].x < x { low = middle + 1 } else { high = middle }
        }
        let (left, right) = (run[low - 1], run[low])
        guard right.x > left.x else { return right.y }
        return left.y + (right.y - left.y) * (x - left.x) / (right.x - left.x)
    }
}

// MARK: - Progress tables as chart points

extension ProgressTable {
    /// The (x, y) points of two columns, one per row where both cells are filled (NaN is kept; the
    /// chart skips it).
    ///
    /// - Throws: ``ProgressLogError/missingColumn(_:path:available:)`` if a column is absent.
    public func points(x xColumn: String, y yColumn: String) throws -> [ChartPoint] {
        let xs = try values(of: xColumn)
        let ys = try values(of: yColumn)
        return zip(xs, ys).compactMap { x, y in
            guard let x, let y else { return nil }
            return ChartPoint(x: x, y: y)
        }
    }
}
