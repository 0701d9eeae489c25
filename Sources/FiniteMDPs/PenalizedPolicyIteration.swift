import Foundation

/// The outcome of one exact policy update π_i → π_{i+1}.
public struct PolicyUpdate: Sendable {
    /// π_{i+1}.
    public let policy: TabularPolicy
    /// The update's scalar: κ* (the common per-state KL) for the penalty, λ for the mean-KL step,
    /// α for the mixture.
    public let stepParameter: Double
}

/// Algorithm 1's update: π_{i+1} = argmax_π [L_{π_i}(π) − C·D_KL^max(π_i, π)] (paper §3), exactly.
///
/// **Method.** Writing t for D_KL^max, the problem is max_{π, t} Σ_s ρ(s) Σ_a π(a|s) A(s, a) − C t
/// subject to D_KL(π_i(·|s) ‖ π(·|s)) ≤ t for every s (the η(π_i) term is constant). For a fixed
/// budget κ the states decouple into `KLConstrainedStateProblem`s with optimal values f_s(κ), each
/// concave and non-decreasing with slope λ_s(κ) (its Lagrange multiplier). So the problem is the
/// scalar concave maximisation max_{κ ≥ 0} F(κ) − Cκ with F = Σ_s ρ(s) f_s, whose optimum κ* solves
/// F'(κ) = Σ_s ρ(s) λ_s(κ) = C. That slope falls continuously to 0 as κ grows, from +∞ at κ → 0 when
/// π_i has full support, so κ* is found by Brent's method on log κ (to 1e-12), each evaluation
/// solving every state's problem to 1e-13 in log λ. If the slope is already ≤ C at κ → 0, then κ* = 0
/// and π_i is optimal. That happens at a deterministic π_i whenever Σ_s ρ(s) max_a A(s, a) ≤ C (always
/// for γ ≥ 0.2): the KL from a deterministic policy, −log(1 − m), grows linearly in the moved mass m,
/// like the gain, so Algorithm 1 never leaves it. States with ρ(s) = 0 keep π_i: they add nothing
/// to L but would add KL. Finally the result is compared with π_i itself (M(π_i) = η(π_i)) and the
/// better one is returned, so M(π_{i+1}) ≥ M(π_i) holds in floating point too, which is what makes
/// η non-decreasing.
///
/// - Parameters:
///   - evaluation: the exact evaluation of π_i (its A_{π_i}, ρ_{π_i} and η(π_i)).
///   - penalty: C ≥ 0, normally `penaltyCoefficient(epsilon:discount:)` = 4εγ/(1 − γ)².
/// - Throws: `FiniteMDPError.invalidParameter` if C is negative or not finite.
public func penalizedPolicyUpdate(evaluation: PolicyEvaluation, penalty: Double) throws(FiniteMDPError) -> PolicyUpdate {
    guard penalty.isFinite, penalty >= 0 else {
        throw .invalidParameter(name: "penalty C", value: penalty, requirement: "must be finite and non-negative")
    }
    let old = evaluation.policy
    let problems = stateProblems(for: evaluation)
    let weights = evaluation.visitation
    let active = (0..<old.stateCount).filter { weights[$0] > 0 && !problems[$0].isFlat }
    guard !active.isEmpty else { return PolicyUpdate(policy: old, stepParameter: 0) }

    var kappa: Double
    if penalty == 0 {
        kappa = .infinity  // no penalty: every active state goes to its greedy limit
    } else {
        // log F'(e^x) − log C, decreasing in x = log κ.
        let slopeResidual = { (logKappa: Double) -> Double in
            let budget = exp(logKappa)
            var slope = 0.0
            for state in active { slope += weights[state] * problems[state].solve(klBudget: budget).multiplier }
            return log(max(slope, Double.leastNormalMagnitude)) - log(penalty)
        }
        if let (lower, upper) = bracketDecreasing(start: 0, limit: 600, slopeResidual) {
            kappa = exp(brentRoot(lower: lower, upper: upper, tolerance: 1e-12, slopeResidual))
        } else {
            kappa = slopeResidual(0) > 0 ? .infinity : 0
        }
    }
    var probabilities = old.probabilities
    for state in active {
        let distribution = kappa.isInfinite
            ? problems[state].limitMaximizer : problems[state].solve(klBudget: kappa).distribution
        replaceRow(state, of: &probabilities, actionCount: old.actionCount, with: distribution)
    }
    let candidate = TabularPolicy(unchecked: probabilities, stateCount: old.stateCount, actionCount: old.actionCount)
    // With C = 0 the KL term is dropped (it may be +∞, and 0·∞ is NaN).
    let candidateObjective = evaluation.surrogate(candidate)
        - (penalty == 0 ? 0 : penalty * old.maximumKLDivergence(to: candidate))
    guard candidateObjective >= evaluation.surrogate(old) else { return PolicyUpdate(policy: old, stepParameter: 0) }
    return PolicyUpdate(policy: candidate, stepParameter: kappa)
}

/// One `KLConstrainedStateProblem` per state: p = π_i(·|s), A = A_{π_i}(s, ·).
func stateProblems(for evaluation: PolicyEvaluation) -> [KLConstrainedStateProblem] {
    (0..<evaluation.mdp.stateCount).map { state in
        KLConstrainedStateProblem(
            reference: evaluation.policy.distribution(in: state), advantages: evaluation.advantages(in: state))
    }
}

/// Writes `distribution` into row `state` of a flat S × A table, renormalised against rounding.
func replaceRow(_ state: Int, of table: inout [Double], actionCount: Int, with distribution: [Double]) {
    let total = distribution.reduce(0, +)
    for action in 0..<actionCount { table[state * actionCount + action] = distribution[action] / total }
}
