import Foundation

/// One state's trust-region problem: maximise Σ_a π(a) A(a) over distributions π subject to
/// D_KL(p ‖ π) ≤ κ, where p = π_i(·|s) is the old policy and A = A_{π_i}(s, ·).
///
/// **How it is solved exactly.** For a multiplier λ > 0 the Lagrangian Σ_a π(a)A(a) − λ D_KL(p ‖ π)
/// is strictly concave on the simplex and its maximiser has the closed form
/// π_λ(a) = p(a) / (u + (A⁺ − A(a))/λ) on the support of p (A⁺ = the largest advantage there), with
/// the scalar u > 0 fixed by Σ_a π_λ(a) = 1. That equation is convex and decreasing in u, so Newton's
/// method started at u0 = p(argmax) (where the sum is ≥ 1) climbs monotonically to the root in a few
/// steps. If an action outside the support of p has a larger advantage A° > A⁺, the multiplier of the
/// sum constraint cannot fall below A°: then u = (A° − A⁺)/λ whenever the root is smaller, and the
/// missing mass goes to that action. In both cases D_KL(p ‖ π_λ) = Σ_a p(a) log(u + (A⁺ − A(a))/λ) in
/// closed form. Unless the state is flat (nothing beats p) it falls continuously from +∞ at
/// λ → 0 to 0 at λ → ∞, so for a budget κ > 0 the multiplier is the root of
/// log D_KL(p ‖ π_λ) = log κ in log λ (Brent's method to 1e-13). The multiplier λ is also the slope
/// of the optimal value in κ, which `penalizedPolicyUpdate` uses.
public struct KLConstrainedStateProblem: Sendable {
    /// p = π_i(·|s), the old action distribution.
    public let reference: [Double]
    /// A_{π_i}(s, ·), the advantages of this state.
    public let advantages: [Double]
    /// A⁺ = max over the support of p of A.
    let supportMaximum: Double
    /// p(T), the old probability of the actions attaining A⁺.
    let supportArgmaxMass: Double
    /// The best action outside the support of p, if its advantage exceeds A⁺.
    let outsideBest: Int?

    /// Sets up the problem for old distribution p and advantages A (same length, p a distribution).
    public init(reference: [Double], advantages: [Double]) {
        precondition(reference.count == advantages.count && !reference.isEmpty, "p and A must match")
        self.reference = reference
        self.advantages = advantages
        var best = -Double.infinity
        for index in reference.indices where reference[index] > 0 { best = max(best, advantages[index]) }
        supportMaximum = best
        var mass = 0.0
        for index in reference.indices where reference[index] > 0 && advantages[index] == best {
            mass += reference[index]
        }
        supportArgmaxMass = mass
        var outside: Int?
        for index in reference.indices where reference[index] == 0 && advantages[index] > best {
            if let current = outside, advantages[current] >= advantages[index] { continue }
            outside = index
        }
        outsideBest = outside
        let constantOnSupport = reference.indices.allSatisfy { reference[$0] == 0 || advantages[$0] == best }
        isFlat = outside == nil && constantOnSupport
    }

    /// True when no distribution beats p (A constant on the support, nothing better outside).
    public let isFlat: Bool

    /// κ_max, the KL beyond which a budget stops binding: 0 for a flat state, +∞ otherwise (as λ → 0
    /// the maximiser starves an action that p uses, so D_KL(p ‖ π_λ) grows without bound).
    public var largestUsefulKL: Double { isFlat ? 0 : .infinity }

    /// The maximiser π_λ of Σ π A − λ D_KL(p ‖ π) and its KL from p, for λ > 0.
    public func maximizer(multiplier lambda: Double) -> (distribution: [Double], kl: Double) {
        precondition(lambda > 0, "the multiplier must be positive")
        let gaps = reference.indices.map { (supportMaximum - advantages[$0]) / lambda }
        // Newton on φ(u) = Σ p/(u + gap) − 1 from the left of its root (φ convex and decreasing).
        var u = supportArgmaxMass
        for _ in 0..<200 {
            var sum = -1.0
            var slope = 0.0
            for index in reference.indices where reference[index] > 0 {
                let denominator = u + gaps[index]
                sum += reference[index] / denominator
                slope -= reference[index] / (denominator * denominator)
            }
            let next = u - sum / slope
            if !(next > u) || next - u <= 4 * Double.ulpOfOne * u { break }
            u = next
        }
        var usesOutside = false
        if let outside = outsideBest {
            let outsideU = (advantages[outside] - supportMaximum) / lambda
            if outsideU > u {
                u = outsideU
                usesOutside = true
            }
        }
        var distribution = [Double](repeating: 0, count: reference.count)
        var kl = 0.0
        var supportMass = 0.0
        for index in reference.indices where reference[index] > 0 {
            distribution[index] = reference[index] / (u + gaps[index])
            supportMass += distribution[index]
            kl += reference[index] * log(u + gaps[index])
        }
        if usesOutside, let outside = outsideBest {
            distribution[outside] = max(1 - supportMass, 0)
        }
        return (distribution, max(kl, 0))
    }

    /// The λ → 0 limit, the solution without a KL budget: p restricted to its best actions, or all
    /// mass on a better action outside the support of p.
    public var limitMaximizer: [Double] {
        var distribution = [Double](repeating: 0, count: reference.count)
        if let outside = outsideBest {
            distribution[outside] = 1
            return distribution
        }
        for index in reference.indices where reference[index] > 0 && advantages[index] == supportMaximum {
            distribution[index] = reference[index] / supportArgmaxMass
        }
        return distribution
    }

    /// The solution of the problem with budget κ ≥ 0.
    ///
    /// - Returns: the optimal distribution, its multiplier λ (the slope of the optimal value in κ;
    ///   0 when the budget is not binding) and its KL from p.
    public func solve(klBudget kappa: Double) -> (distribution: [Double], multiplier: Double, kl: Double) {
        if isFlat || kappa <= 0 { return (reference, isFlat ? 0 : .infinity, 0) }
        if kappa == .infinity { return (limitMaximizer, 0, klDivergence(reference, limitMaximizer)) }
        let target = log(kappa)
        let residual = { (logLambda: Double) -> Double in
            let kl = self.maximizer(multiplier: exp(logLambda)).kl
            return log(max(kl, Double.leastNormalMagnitude)) - target
        }
        guard let (lower, upper) = bracketDecreasing(start: 0, limit: 600, residual) else {
            // Beyond exp(±600) the budget is effectively 0 or κ_max; take the nearer end.
            let lambda = residual(0) > 0 ? exp(600.0) : exp(-600.0)
            let solution = maximizer(multiplier: lambda)
            return (solution.distribution, lambda, solution.kl)
        }
        let logLambda = brentRoot(lower: lower, upper: upper, tolerance: 1e-13, residual)
        let lambda = exp(logLambda)
        let solution = maximizer(multiplier: lambda)
        return (solution.distribution, lambda, solution.kl)
    }

    /// Σ_a π(a) A(a) for a distribution π.
    public func value(of distribution: [Double]) -> Double {
        var sum = 0.0
        for index in advantages.indices { sum += distribution[index] * advantages[index] }
        return sum
    }
}
