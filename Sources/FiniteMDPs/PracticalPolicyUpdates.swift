import Foundation

// MARK: - The mean-KL-constrained step (paper §4, solved exactly on a finite MDP)

/// max_π L_{π_i}(π) subject to D̄_KL^ρ(π_i, π) = Σ_s ρ̂(s) D_KL(π_i(·|s) ‖ π(·|s)) ≤ δ, exactly,
/// where ρ̂ = ρ_{π_i} normalised to sum to 1 (the expectation over s ~ ρ of the paper's §4).
///
/// **Method.** With a multiplier ν for the constraint, the Lagrangian splits into per-state terms
/// ρ(s)[Σ_a π(a|s) A(s, a) − (ν/Σρ) D_KL(π_i(·|s) ‖ π(·|s))], so every state uses the same λ = ν/Σρ
/// and its maximiser is `KLConstrainedStateProblem.maximizer(multiplier: λ)`. The mean KL of those
/// maximisers decreases continuously in λ, so λ is the root of log D̄_KL(λ) = log δ (Brent's method
/// on log λ to 1e-13). It always binds: the mean KL grows without bound as λ → 0 unless every
/// state is flat, in which case π_i is returned.
///
/// - Parameters:
///   - evaluation: the exact evaluation of π_i.
///   - maxKL: δ > 0, the trust-region size (0.01 in the paper's experiments).
/// - Throws: `FiniteMDPError.invalidParameter` unless δ is finite and positive.
public func meanKLConstrainedPolicyUpdate(
    evaluation: PolicyEvaluation, maxKL: Double
) throws(FiniteMDPError) -> PolicyUpdate {
    guard maxKL.isFinite, maxKL > 0 else {
        throw .invalidParameter(name: "delta", value: maxKL, requirement: "must be finite and positive")
    }
    let old = evaluation.policy
    let problems = stateProblems(for: evaluation)
    let weights = evaluation.normalizedVisitation
    let active = (0..<old.stateCount).filter { weights[$0] > 0 && !problems[$0].isFlat }
    guard !active.isEmpty else { return PolicyUpdate(policy: old, stepParameter: 0) }

    var probabilities = old.probabilities
    let residual = { (logLambda: Double) -> Double in
        let lambda = exp(logLambda)
        var mean = 0.0
        for state in active { mean += weights[state] * problems[state].maximizer(multiplier: lambda).kl }
        return log(max(mean, Double.leastNormalMagnitude)) - log(maxKL)
    }
    var lambda = exp(600.0)
    if let (lower, upper) = bracketDecreasing(start: 0, limit: 600, residual) {
        lambda = exp(brentRoot(lower: lower, upper: upper, tolerance: 1e-13, residual))
    }
    for state in active {
        replaceRow(
            state, of: &probabilities, actionCount: old.actionCount,
            with: problems[state].maximizer(multiplier: lambda).distribution)
    }
    return PolicyUpdate(
        policy: TabularPolicy(unchecked: probabilities, stateCount: old.stateCount, actionCount: old.actionCount),
        stepParameter: lambda)
}

// MARK: - The conservative mixture update of Kakade and Langford (2002)

/// The greedy policy π' = argmax_π L_{π_i}(π): in every state all mass on argmax_a A_{π_i}(s, a)
/// (the lowest-numbered action among exact ties).
public func greedyPolicy(evaluation: PolicyEvaluation) -> TabularPolicy {
    let states = evaluation.mdp.stateCount
    let actions = evaluation.mdp.actionCount
    var probabilities = [Double](repeating: 0, count: states * actions)
    for state in 0..<states {
        var best = 0
        for action in 1..<max(1, actions) where evaluation.advantages[state * actions + action]
            > evaluation.advantages[state * actions + best] {
            best = action
        }
        probabilities[state * actions + best] = 1
    }
    return TabularPolicy(unchecked: probabilities, stateCount: states, actionCount: actions)
}

/// The mixture step π_new = (1 − α) π_i + α π' with π' greedy and α maximising Kakade and
/// Langford's lower bound η(π_new) ≥ L_{π_i}(π_new) − (2εγ/(1 − γ)²) α² (paper §2).
///
/// Here ε = max_s |Σ_a π'(a|s) A_{π_i}(s, a)| (Kakade–Langford's ε, not Theorem 1's max_{s,a}|A|).
/// Since L_{π_i}(π_new) = η(π_i) + α G with G = Σ_s ρ(s) Σ_a π'(a|s) A(s, a) ≥ 0, the bound is the
/// concave quadratic η + αG − Kα² (K = 2εγ/(1 − γ)²), maximised at α = min(1, G/(2K)) (α = 1 when
/// K = 0 < G, α = 0 when G = 0).
///
/// - Returns: the update (its `stepParameter` is α), the ε used and the bound's value.
public func mixturePolicyUpdate(
    evaluation: PolicyEvaluation
) -> (update: PolicyUpdate, epsilon: Double, bound: Double) {
    let greedy = greedyPolicy(evaluation: evaluation)
    let gain = evaluation.advantageGain(of: greedy, stateWeights: evaluation.visitation)
    let epsilon = evaluation.maximumAbsoluteExpectedAdvantage(of: greedy)
    let coefficient = mixturePenaltyCoefficient(epsilon: epsilon, discount: evaluation.mdp.discount)
    var alpha: Double
    if gain <= 0 {
        alpha = 0
    } else if coefficient > 0 {
        alpha = min(1, gain / (2 * coefficient))
    } else {
        alpha = 1
    }
    let policy = evaluation.policy.mixed(with: greedy, weight: alpha)
    let bound = evaluation.surrogate(policy) - coefficient * alpha * alpha
    return (PolicyUpdate(policy: policy, stepParameter: alpha), epsilon, bound)
}
