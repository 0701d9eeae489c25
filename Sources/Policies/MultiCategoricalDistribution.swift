import DenseLinearAlgebra

/// A product of independent categoricals, one per action column: the policy of a
/// `MultiDiscrete(nvec)` space (SB3's `MultiCategoricalDistribution`). The network outputs the
/// components' logits one after another; log π, H and KL are sums over components, and M is
/// block-diagonal with one diag(p) − ppᵀ block per component.
public struct MultiCategoricalDistribution: PolicyDistribution, Hashable {
    /// The name in files.
    public static let kind = "multi_categorical"
    /// The number of choices of each component.
    public let actionCounts: [Int]

    public init(actionCounts: [Int]) {
        precondition(!actionCounts.isEmpty && actionCounts.allSatisfy { $0 > 0 }, "every component needs a choice")
        self.actionCounts = actionCounts
    }

    public var outputWidth: Int { actionCounts.reduce(0, +) }
    public var actionWidth: Int { actionCounts.count }
    public var extraParameterCount: Int { 0 }
    public var descriptor: DistributionDescriptor { DistributionDescriptor(kind: Self.kind, sizes: actionCounts) }

    public func batch(outputs: [Float], extraParameters: [Float], rows: Int) -> any DistributionBatch {
        CategoricalBatch(outputs: outputs, components: actionCounts, rows: rows)
    }

    /// Components are drawn in column order, one uniform each, rows in order.
    public func act(
        outputs: [Float], extraParameters: [Float], rows: Int, deterministic: Bool, stream: inout RandomStream
    ) -> (actions: [Float], logProbabilities: [Double]) {
        let width = outputWidth
        var actions = [Float](repeating: 0, count: rows * actionCounts.count)
        var logProbabilities = [Double](repeating: 0, count: rows)
        var logP = [Double](repeating: 0, count: actionCounts.max() ?? 1)
        outputs.withUnsafeBufferPointer { z in
            guard let zb = z.baseAddress else { return }
            for row in 0..<rows {
                var offset = row * width
                var sum = 0.0
                for (column, count) in actionCounts.enumerated() {
                    let index = Categorical.draw(
                        logits: zb + offset, count: count, deterministic: deterministic, logProbabilities: &logP,
                        stream: &stream)
                    actions[row * actionCounts.count + column] = Float(index)
                    sum += logP[index]
                    offset += count
                }
                logProbabilities[row] = sum
            }
        }
        return (actions, logProbabilities)
    }
}
