/// The one place where sums over samples are combined: every mean or sum that decides a step
/// (gradients, Fisher-vector products, the surrogate and KL of a line-search try, advantage
/// statistics, critic minibatch gradients, observation and episode statistics) goes through it.
///
/// The sums are ordered — samples in row order, blocks in block order — so one seed gives one
/// result. `LocalReduction` sums what this process holds; a distributed implementation joins
/// every participant's samples in the same global order, so its results do not depend on how
/// the samples were split (Documentation/Architecture.md lists the reduction points).
///
/// Batched passes compute per-block partials only for `ownedBlocks(of:)` (every block here; a
/// participant's share in a distributed run, which `sum(blocks:)` then joins in block order).
public protocol SampleReduction: Sendable {
    /// The blocks `0 ..< count` of a batch whose partial sums this participant computes; the
    /// others' partials reach `sum(blocks:)` empty.
    func ownedBlocks(of count: Int) -> Range<Int>
    /// Σ values, in order (values are per sample, or per fixed shard of samples).
    func sum(_ values: [Double]) -> Double
    /// Σ of per-block partial vectors, element by element, in block order (empty blocks skipped).
    func sum(blocks: [[Float]], count: Int) -> [Float]
    /// Every block's values in block order, where this participant filled only its
    /// `ownedBlocks(of: blocks.count)` (the others empty): a forward pass shared by block ends
    /// with every participant holding every block's outputs (here: the blocks themselves).
    func gather(blocks: [[Float]]) -> [[Float]]
    /// The largest value (−∞ for none).
    func maximum(_ values: [Double]) -> Double
    /// The samples of every participant, concatenated in global order (here: the values themselves).
    func gather(_ values: [Double]) -> [Double]
    /// Rows of every participant, concatenated in global order (here: the rows themselves).
    func gather(_ values: [Float]) -> [Float]
    /// The number of samples of every participant together.
    func total(_ count: Int) -> Int
}

extension SampleReduction {
    /// Every block (one participant computes them all).
    public func ownedBlocks(of count: Int) -> Range<Int> { 0..<count }

    public func gather(blocks: [[Float]]) -> [[Float]] { blocks }

    /// `sum(blocks:count:)` of the partials and every block's `extras` (say, its rows' outputs),
    /// in one exchange: each owned block's extras travel behind its partial.
    public func sum(blocks partials: [[Float]], count: Int, gathering extras: [[Float]]) -> (sum: [Float], extras: [[Float]]) {
        let owned = ownedBlocks(of: partials.count)
        guard owned.count < partials.count else { return (sum(blocks: partials, count: count), extras) }
        let joined = partials.indices.map { block in
            owned.contains(block) ? Array(partials[block].prefix(count)) + extras[block] : []
        }
        let all = gather(blocks: joined)
        return (LocalReduction().sum(blocks: all, count: count), all.map { Array($0.dropFirst(count)) })
    }

    /// (1/N) Σ values with N the total count (0 for no samples).
    public func mean(_ values: [Double]) -> Double {
        let count = total(values.count)
        return count == 0 ? 0 : sum(values) / Double(count)
    }
}

/// The reduction of one process: sequential sums in sample (or block) order.
public struct LocalReduction: SampleReduction {
    public init() {}

    public func sum(_ values: [Double]) -> Double {
        var total = 0.0
        for value in values { total += value }
        return total
    }

    public func sum(blocks: [[Float]], count: Int) -> [Float] {
        var total = [Float](repeating: 0, count: count)
        total.withUnsafeMutableBufferPointer { sum in
            for partial in blocks where !partial.isEmpty {
                precondition(partial.count >= count, "a block's partial sum is shorter than count")
                partial.withUnsafeBufferPointer { values in
                    for index in 0..<count { sum[index] += values[index] }
                }
            }
        }
        return total
    }

    public func maximum(_ values: [Double]) -> Double {
        var largest = -Double.infinity
        for value in values { largest = max(largest, value) }
        return largest
    }

    public func gather(_ values: [Double]) -> [Double] { values }

    public func gather(_ values: [Float]) -> [Float] { values }

    public func total(_ count: Int) -> Int { count }
}
