import RealModule

/// Row operations of the categorical distribution over logits z: p = softmax(z).
///
/// Every function takes one state's logits; sums accumulate in Double.
public enum Categorical {
    /// log p (written into `logProbabilities`), by a max-shifted log-sum-exp.
    @inlinable
    public static func logProbabilities(logits: UnsafePointer<Float>, count: Int, into result: UnsafeMutablePointer<Double>) {
        var largest = -Double.infinity
        for index in 0..<count { largest = max(largest, Double(logits[index])) }
        var sum = 0.0
        for index in 0..<count { sum += Double.exp(Double(logits[index]) - largest) }
        let logNormalizer = largest + Double.log(sum)
        for index in 0..<count { result[index] = Double(logits[index]) - logNormalizer }
    }

    /// −Σ p log p.
    @inlinable
    public static func entropy(logProbabilities: UnsafePointer<Double>, count: Int) -> Double {
        var sum = 0.0
        for index in 0..<count { sum -= Double.exp(logProbabilities[index]) * logProbabilities[index] }
        return sum
    }

    /// KL(old‖new) = Σ p_old (log p_old − log p_new).
    @inlinable
    public static func divergence(
        oldLogProbabilities: UnsafePointer<Double>, newLogProbabilities: UnsafePointer<Double>, count: Int
    ) -> Double {
        var sum = 0.0
        for index in 0..<count {
            sum += Double.exp(oldLogProbabilities[index]) * (oldLogProbabilities[index] - newLogProbabilities[index])
        }
        return max(sum, 0)
    }

    /// The Fisher metric in logit coordinates applied to a tangent: u = p ⊙ ż − p (pᵀż), scaled.
    @inlinable
    public static func applyFisher(
        logProbabilities: UnsafePointer<Double>, tangent: UnsafePointer<Float>, count: Int, scale: Double,
        into result: UnsafeMutablePointer<Float>
    ) {
        var mean = 0.0
        for index in 0..<count { mean += Double.exp(logProbabilities[index]) * Double(tangent[index]) }
        for index in 0..<count {
            result[index] = Float(scale * Double.exp(logProbabilities[index]) * (Double(tangent[index]) - mean))
        }
    }

    /// Adds weight · ∇_z log p(action) = weight · (onehot(action) − p) to `result`.
    @inlinable
    public static func addLogProbabilityGradient(
        logProbabilities: UnsafePointer<Double>, count: Int, action: Int, weight: Double,
        into result: UnsafeMutablePointer<Float>
    ) {
        for index in 0..<count {
            let indicator: Double = index == action ? 1 : 0
            result[index] += Float(weight * (indicator - Double.exp(logProbabilities[index])))
        }
    }

    /// Adds weight · ∇_z H = −weight · p ⊙ (log p + H) to `result`.
    @inlinable
    public static func addEntropyGradient(
        logProbabilities: UnsafePointer<Double>, count: Int, weight: Double, into result: UnsafeMutablePointer<Float>
    ) {
        let entropyValue = entropy(logProbabilities: logProbabilities, count: count)
        for index in 0..<count {
            let p = Double.exp(logProbabilities[index])
            result[index] -= Float(weight * p * (logProbabilities[index] + entropyValue))
        }
    }

    /// An index drawn with probabilities p by inversion of the cumulative sum, from u ∈ [0, 1).
    @inlinable
    public static func sample(logProbabilities: UnsafePointer<Double>, count: Int, uniform: Double) -> Int {
        var cumulative = 0.0
        for index in 0..<count {
            cumulative += Double.exp(logProbabilities[index])
            if uniform < cumulative { return index }
        }
        return count - 1  // rounding left the total just below 1
    }

    /// The most probable index (the first on ties): the deterministic action.
    @inlinable
    public static func mode(logits: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<max(count, 1) where logits[index] > logits[best] { best = index }
        return best
    }
}
