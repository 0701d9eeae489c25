import Foundation

// MARK: - Divergences between action distributions

/// D_TV(p ‖ q) = ½ Σ_i |p_i − q_i|, the total variation divergence (paper §3).
public func totalVariationDivergence(_ p: [Double], _ q: [Double]) -> Double {
    precondition(p.count == q.count, "distributions have different lengths")
    var sum = 0.0
    for index in p.indices { sum += abs(p[index] - q[index]) }
    return sum / 2
}

/// D_KL(p ‖ q) = Σ_i p_i log(p_i / q_i), with 0 log 0 = 0 and +∞ when q_i = 0 < p_i.
///
/// Rounded up to 0 when the sum is a tiny negative rounding error (KL is non-negative).
public func klDivergence(_ p: [Double], _ q: [Double]) -> Double {
    precondition(p.count == q.count, "distributions have different lengths")
    var sum = 0.0
    for index in p.indices where p[index] > 0 {
        guard q[index] > 0 else { return .infinity }
        sum += p[index] * log(p[index] / q[index])
    }
    return max(sum, 0)
}

/// C = 4εγ/(1 − γ)², the penalty coefficient of Theorem 1 and Algorithm 1 (paper §3).
///
/// - Parameters:
///   - epsilon: ε = max_{s,a} |A_π(s, a)|.
///   - discount: γ in [0, 1).
public func penaltyCoefficient(epsilon: Double, discount: Double) -> Double {
    4 * epsilon * discount / ((1 - discount) * (1 - discount))
}

/// 2εγ/(1 − γ)², the coefficient of α² in Kakade and Langford's mixture bound (paper §2).
///
/// - Parameters:
///   - epsilon: ε = max_s |Σ_a π'(a|s) A_π(s, a)| for the greedy policy π'.
///   - discount: γ in [0, 1).
public func mixturePenaltyCoefficient(epsilon: Double, discount: Double) -> Double {
    2 * epsilon * discount / ((1 - discount) * (1 - discount))
}

// MARK: - Divergences between policies

extension TabularPolicy {
    /// D_KL(π(·|s) ‖ π̃(·|s)) for every state s, with `self` as π.
    public func stateKLDivergences(to other: TabularPolicy) -> [Double] {
        precondition(other.stateCount == stateCount && other.actionCount == actionCount, "policy shapes differ")
        return (0..<stateCount).map { klDivergence(distribution(in: $0), other.distribution(in: $0)) }
    }

    /// D_KL^max(π, π̃) = max_s D_KL(π(·|s) ‖ π̃(·|s)), with `self` as π (the old policy).
    public func maximumKLDivergence(to other: TabularPolicy) -> Double {
        stateKLDivergences(to: other).reduce(0, max)
    }

    /// D̄_KL^w(π, π̃) = Σ_s w(s) D_KL(π(·|s) ‖ π̃(·|s)) for weights w summing to 1 (ρ_π normalised).
    ///
    /// States of zero weight are skipped, so an infinite KL there does not count.
    public func meanKLDivergence(to other: TabularPolicy, stateWeights weights: [Double]) -> Double {
        precondition(weights.count == stateCount, "need one weight per state")
        let divergences = stateKLDivergences(to: other)
        var sum = 0.0
        for state in 0..<stateCount where weights[state] > 0 { sum += weights[state] * divergences[state] }
        return sum
    }

    /// D_TV^max(π, π̃) = max_s D_TV(π(·|s) ‖ π̃(·|s)), the α of Theorem 1.
    public func maximumTotalVariationDivergence(to other: TabularPolicy) -> Double {
        precondition(other.stateCount == stateCount && other.actionCount == actionCount, "policy shapes differ")
        return (0..<stateCount).reduce(0) {
            max($0, totalVariationDivergence(distribution(in: $1), other.distribution(in: $1)))
        }
    }
}
