import Policies
import RealModule

/// The estimator of the surrogate L(θ) from a batch of rows (Schulman et al. 2015, §5).
public enum SurrogateEstimator: Sendable, Hashable {
    /// L = (1/N) Σᵢ π_θ(aᵢ|sᵢ)/q(aᵢ|sᵢ) · Âᵢ: single path, and the vine with every discrete action
    /// enumerated (q ≡ 1 there, so L_n = Σ_k π_θ(a_k|s_n) Q̂(s_n, a_k)).
    case importanceSampling
    /// Rows come in consecutive groups of K actions at one state; per state
    /// L_n = Σ_k w_k Q̂_k / Σ_k w_k with w_k = π_θ(a_k|s_n)/q(a_k|s_n) (the vine's self-normalised
    /// estimator for sampled actions), and L is the mean over states.
    case selfNormalized(groupSize: Int)
}

extension Surrogate {
    /// (L, ∂L/∂log π_θ(aᵢ|sᵢ) per row) at the batch's evaluated θ, by the input's estimator.
    public static func evaluate(_ batch: PolicyBatch, for input: PolicyUpdateInput) -> (value: Double, weights: [Double]) {
        switch input.estimator {
        case .importanceSampling:
            return evaluate(batch, oldLogProbabilities: input.oldLogProbabilities, advantages: input.advantages)
        case .selfNormalized(let groupSize):
            return selfNormalized(
                batch.logProbabilities(), oldLogProbabilities: input.oldLogProbabilities, values: input.advantages,
                groupSize: groupSize)
        }
    }

    /// The self-normalised estimator: with w_k the ratios of a group and W = Σ_k w_k,
    /// L_n = Σ_k w_k Q̂_k / W and ∂L_n/∂log π(a_k) = w_k (Q̂_k − L_n) / W.
    static func selfNormalized(
        _ logProbabilities: [Double], oldLogProbabilities: [Double], values: [Double], groupSize: Int
    ) -> (value: Double, weights: [Double]) {
        let groups = logProbabilities.count / max(groupSize, 1)
        var weights = [Double](repeating: 0, count: logProbabilities.count)
        var total = 0.0
        for group in 0..<groups {
            let rows = (group * groupSize)..<((group + 1) * groupSize)
            let ratios = rows.map { Double.exp(logProbabilities[$0] - oldLogProbabilities[$0]) }
            let sum = ratios.reduce(0, +)
            guard sum > 0, sum.isFinite else { continue }
            let estimate = zip(ratios, rows).reduce(0) { $0 + $1.0 * values[$1.1] } / sum
            total += estimate
            for (ratio, row) in zip(ratios, rows) {
                weights[row] = ratio * (values[row] - estimate) / sum / Double(groups)
            }
        }
        return (total / Double(max(groups, 1)), weights)
    }
}
