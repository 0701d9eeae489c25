import DenseLinearAlgebra
import RealModule

/// The categorical distribution over `actionCount` actions from logits z, p = softmax(z): the
/// policy of a `Discrete` action space. M = diag(p) − ppᵀ in logit coordinates.
public struct CategoricalDistribution: PolicyDistribution, Hashable {
    /// The name in files.
    public static let kind = "categorical"
    /// The number of actions.
    public let actionCount: Int

    public init(actionCount: Int) {
        precondition(actionCount > 0, "a categorical distribution needs an action")
        self.actionCount = actionCount
    }

    public var outputWidth: Int { actionCount }
    public var actionWidth: Int { 1 }
    public var extraParameterCount: Int { 0 }
    public var descriptor: DistributionDescriptor { DistributionDescriptor(kind: Self.kind, sizes: [actionCount]) }

    public func batch(outputs: [Float], extraParameters: [Float], rows: Int) -> any DistributionBatch {
        CategoricalBatch(outputs: outputs, components: [actionCount], rows: rows)
    }

    public func act(
        outputs: [Float], extraParameters: [Float], rows: Int, deterministic: Bool, stream: inout RandomStream
    ) -> (actions: [Float], logProbabilities: [Double]) {
        var actions = [Float](repeating: 0, count: rows)
        var logProbabilities = [Double](repeating: 0, count: rows)
        var logP = [Double](repeating: 0, count: actionCount)
        outputs.withUnsafeBufferPointer { z in
            guard let zb = z.baseAddress else { return }
            for row in 0..<rows {
                let index = Categorical.draw(
                    logits: zb + row * actionCount, count: actionCount, deterministic: deterministic,
                    logProbabilities: &logP, stream: &stream)
                actions[row] = Float(index)
                logProbabilities[row] = logP[index]
            }
        }
        return (actions, logProbabilities)
    }

    public var enumerableActionCount: Int? { actionCount }

    public func enumeratedActions(outputs: ArraySlice<Float>) -> (actions: [Float], probabilities: [Double]) {
        var logP = [Double](repeating: 0, count: actionCount)
        Array(outputs).withUnsafeBufferPointer { logits in
            if let base = logits.baseAddress { Categorical.logProbabilities(logits: base, count: actionCount, into: &logP) }
        }
        return ((0..<actionCount).map(Float.init), logP.map { Double.exp($0) })
    }
}

extension Categorical {
    /// A sampled (by inversion of one uniform) or modal index from one state's logits, with the
    /// state's log p written into `logProbabilities`.
    @inlinable
    public static func draw(
        logits: UnsafePointer<Float>, count: Int, deterministic: Bool, logProbabilities: inout [Double],
        stream: inout RandomStream
    ) -> Int {
        logProbabilities.withUnsafeMutableBufferPointer { logP in
            guard let base = logP.baseAddress else { return }
            Categorical.logProbabilities(logits: logits, count: count, into: base)
        }
        return deterministic
            ? mode(logits: logits, count: count)
            : sample(logProbabilities: logProbabilities, count: count, uniform: stream.nextUniform())
    }
}

/// A batch of products of independent categoricals (one component: a plain categorical), with
/// log p of every row and component cached: `components[j]` actions in component j, whose logits
/// are consecutive in each output row and whose index is action column j.
final class CategoricalBatch: DistributionBatch {
    let rows: Int
    let outputs: [Float]
    var extraParameters: [Float] { [] }
    /// Actions per component.
    let components: [Int]
    /// Σ components: the output width.
    let width: Int
    /// log p per row and output (rows × width).
    let table: [Double]

    init(outputs: [Float], components: [Int], rows: Int) {
        self.rows = rows
        self.outputs = outputs
        self.components = components
        width = components.reduce(0, +)
        var table = [Double](repeating: 0, count: rows * width)
        let (width, components) = (width, components)
        outputs.withUnsafeBufferPointer { z in
            table.withUnsafeMutableBufferPointer { t in
                guard let zb = z.baseAddress, let tb = t.baseAddress else { return }
                for row in 0..<rows {
                    var offset = row * width
                    for count in components {
                        Categorical.logProbabilities(logits: zb + offset, count: count, into: tb + offset)
                        offset += count
                    }
                }
            }
        }
        self.table = table
    }

    func logProbabilities(actions: [Float]) -> [Double] {
        let columns = components.count
        if columns == 1 { return (0..<rows).map { table[$0 * width + Int(actions[$0])] } }
        return (0..<rows).map { row in
            var offset = row * width
            var sum = 0.0
            for (column, count) in components.enumerated() {
                sum += table[offset + Int(actions[row * columns + column])]
                offset += count
            }
            return sum
        }
    }

    func meanEntropy(reduction: any SampleReduction) -> Double {
        let entropies = table.withUnsafeBufferPointer { t -> [Double] in
            guard let tb = t.baseAddress else { return [] }
            return (0..<rows).map { row in
                var offset = row * width
                var sum = 0.0
                for count in components {
                    sum += Categorical.entropy(logProbabilities: tb + offset, count: count)
                    offset += count
                }
                return sum
            }
        }
        return reduction.mean(entropies)
    }

    func divergences(from old: any DistributionBatch) -> [Double] {
        guard let old = old as? CategoricalBatch, old.components == components, old.rows == rows else {
            preconditionFailure("KL between different distributions")
        }
        return table.withUnsafeBufferPointer { new in
            old.table.withUnsafeBufferPointer { previous in
                guard let nb = new.baseAddress, let ob = previous.baseAddress else { return [] }
                return (0..<rows).map { row in
                    var offset = row * width
                    var sum = 0.0
                    for count in components {
                        sum += Categorical.divergence(
                            oldLogProbabilities: ob + offset, newLogProbabilities: nb + offset, count: count)
                        offset += count
                    }
                    return sum
                }
            }
        }
    }

    func writeLogProbabilityCotangent(
        rows range: Range<Int>, actions: [Float], weights: [Double], entropyWeight: Double,
        into destination: UnsafeMutableBufferPointer<Float>
    ) {
        let entropyPerRow = entropyWeight / Double(max(rows, 1))
        let columns = components.count
        for index in destination.indices { destination[index] = 0 }
        table.withUnsafeBufferPointer { t in
            guard let tb = t.baseAddress, let base = destination.baseAddress else { return }
            for (local, row) in range.enumerated() {
                var offset = 0
                for (column, count) in components.enumerated() {
                    let logP = tb + row * width + offset
                    let rowCotangent = base + local * width + offset
                    Categorical.addLogProbabilityGradient(
                        logProbabilities: logP, count: count, action: Int(actions[row * columns + column]),
                        weight: weights[row], into: rowCotangent)
                    if entropyPerRow != 0 {
                        Categorical.addEntropyGradient(
                            logProbabilities: logP, count: count, weight: entropyPerRow, into: rowCotangent)
                    }
                    offset += count
                }
            }
        }
    }

    func writeFisherProduct(
        rows range: Range<Int>, tangent: UnsafeBufferPointer<Float>, scale: Double,
        into destination: UnsafeMutableBufferPointer<Float>
    ) {
        table.withUnsafeBufferPointer { t in
            guard let tb = t.baseAddress, let tangentBase = tangent.baseAddress, let base = destination.baseAddress
            else { return }
            for (local, row) in range.enumerated() {
                var offset = 0
                for count in components {
                    Categorical.applyFisher(
                        logProbabilities: tb + row * width + offset, tangent: tangentBase + local * width + offset,
                        count: count, scale: scale, into: base + local * width + offset)
                    offset += count
                }
            }
        }
    }
}
