/// The exact quantities of a policy π on a finite MDP: V_π, Q_π, A_π, ρ_π and η(π).
///
/// Conventions (Schulman et al. 2015, §2, with r(s, a) allowed; r(s) is the case r(s, a) = r(s)):
/// - η(π) = E[Σ_{t≥0} γ^t r(s_t, a_t)], s0 ~ ρ0, a_t ~ π(· | s_t), s_{t+1} ~ P(· | s_t, a_t).
///   The reward of step 0 counts (the slides' "Σ_{t=1}" is a typo: the Kakade–Langford proof
///   needs r(s0)).
/// - V_π(s) = E[Σ_{l≥0} γ^l r(s_{t+l}, a_{t+l}) | s_t = s], solved exactly from
///   (I − γ P_π) V_π = r_π with P_π(s, s') = Σ_a π(a|s) P(s'|s, a) and r_π(s) = Σ_a π(a|s) r(s, a).
/// - Q_π(s, a) = r(s, a) + γ Σ_{s'} P(s'|s, a) V_π(s')  (for r(s) this is the paper's
///   Q_π(s_t, a_t) = E[Σ_l γ^l r(s_{t+l})]), and A_π = Q_π − V_π, so Σ_a π(a|s) A_π(s, a) = 0.
/// - ρ_π(s) = Σ_{t≥0} γ^t P(s_t = s), unnormalised (Σ_s ρ_π(s) = 1/(1 − γ)), solved from
///   (I − γ P_π)ᵀ ρ_π = ρ0.
/// - η(π) = Σ_s ρ0(s) V_π(s) = Σ_s ρ_π(s) r_π(s).
///
/// With these, Kakade and Langford's identity η(π̃) = η(π) + Σ_s ρ_π̃(s) Σ_a π̃(a|s) A_π(s, a) is exact.
public struct PolicyEvaluation: Sendable {
    /// The MDP the policy was evaluated on.
    public let mdp: FiniteMDP
    /// π, the evaluated policy.
    public let policy: TabularPolicy
    /// V_π(s).
    public let stateValues: [Double]
    /// Q_π(s, a) flat, index `s * A + a`.
    public let actionValues: [Double]
    /// A_π(s, a) = Q_π(s, a) − V_π(s) flat, index `s * A + a`.
    public let advantages: [Double]
    /// ρ_π(s) = Σ_t γ^t P(s_t = s), the unnormalised discounted visitation frequencies.
    public let visitation: [Double]
    /// η(π), the expected discounted return from s0 ~ ρ0.
    public let expectedReturn: Double

    /// Evaluates `policy` on `mdp` exactly by one LU factorisation of I − γ P_π.
    ///
    /// - Throws: `FiniteMDPError.policyShapeMismatch` if the shapes differ. `.singularSystem` cannot
    ///   happen for γ < 1 (row s of I − γ P_π has diagonal 1 − γP_π(s,s) > γ(1 − P_π(s,s)), the sum of
    ///   its off-diagonal magnitudes), but it is reported rather than trapped.
    public init(mdp: FiniteMDP, policy: TabularPolicy) throws(FiniteMDPError) {
        try policy.validate(for: mdp)
        let states = mdp.stateCount
        let actions = mdp.actionCount
        let gamma = mdp.discount
        // I − γ P_π and r_π.
        var system = [Double](repeating: 0, count: states * states)
        var policyReward = [Double](repeating: 0, count: states)
        for state in 0..<states {
            system[state * states + state] = 1
            for action in 0..<actions {
                let weight = policy.probabilities[state * actions + action]
                if weight == 0 { continue }
                policyReward[state] += weight * mdp.rewardTable[state * actions + action]
                let rowStart = (state * actions + action) * states
                for next in 0..<states {
                    system[state * states + next] -= gamma * weight * mdp.transitions[rowStart + next]
                }
            }
        }
        let factorization = try LUFactorization(matrix: system, dimension: states)
        let values = factorization.solve(policyReward)
        let visitation = factorization.solveTransposed(mdp.initialDistribution)
        var actionValues = [Double](repeating: 0, count: states * actions)
        var advantages = actionValues
        for state in 0..<states {
            for action in 0..<actions {
                let rowStart = (state * actions + action) * states
                var expectedNext = 0.0
                for next in 0..<states { expectedNext += mdp.transitions[rowStart + next] * values[next] }
                let q = mdp.rewardTable[state * actions + action] + gamma * expectedNext
                actionValues[state * actions + action] = q
                advantages[state * actions + action] = q - values[state]
            }
        }
        var eta = 0.0
        for state in 0..<states { eta += mdp.initialDistribution[state] * values[state] }
        self.mdp = mdp
        self.policy = policy
        self.stateValues = values
        self.actionValues = actionValues
        self.advantages = advantages
        self.visitation = visitation
        self.expectedReturn = eta
    }

    /// A_π(s, a).
    public func advantage(state: Int, action: Int) -> Double {
        advantages[state * mdp.actionCount + action]
    }

    /// The advantages A_π(s, ·) of one state, length A.
    public func advantages(in state: Int) -> [Double] {
        let actions = mdp.actionCount
        return Array(advantages[(state * actions)..<((state + 1) * actions)])
    }

    /// ε = max_{s,a} |A_π(s, a)|, the constant of Theorem 1.
    public var maximumAbsoluteAdvantage: Double {
        advantages.reduce(0) { max($0, abs($1)) }
    }

    /// Ā(s) = Σ_a π̃(a|s) A_π(s, a), the expected advantage of π̃ at state s.
    public func expectedAdvantage(of other: TabularPolicy, in state: Int) -> Double {
        let actions = mdp.actionCount
        var sum = 0.0
        for action in 0..<actions {
            sum += other.probabilities[state * actions + action] * advantages[state * actions + action]
        }
        return sum
    }

    /// Σ_s w(s) Σ_a π̃(a|s) A_π(s, a) for state weights w (ρ_π for L, ρ_π̃ for the exact identity).
    public func advantageGain(of other: TabularPolicy, stateWeights weights: [Double]) -> Double {
        precondition(weights.count == mdp.stateCount, "need one weight per state")
        var sum = 0.0
        for state in 0..<mdp.stateCount { sum += weights[state] * expectedAdvantage(of: other, in: state) }
        return sum
    }

    /// L_π(π̃) = η(π) + Σ_s ρ_π(s) Σ_a π̃(a|s) A_π(s, a), the local approximation of η (paper §2).
    public func surrogate(_ other: TabularPolicy) -> Double {
        expectedReturn + advantageGain(of: other, stateWeights: visitation)
    }

    /// max_s |Σ_a π'(a|s) A_π(s, a)|, the ε of Kakade and Langford's mixture bound for π'.
    public func maximumAbsoluteExpectedAdvantage(of other: TabularPolicy) -> Double {
        (0..<mdp.stateCount).reduce(0) { max($0, abs(expectedAdvantage(of: other, in: $1))) }
    }

    /// The state weights ρ_π(s)(1 − γ), normalised to sum to 1, for the mean KL D̄_KL^ρ.
    public var normalizedVisitation: [Double] {
        let total = visitation.reduce(0, +)
        return visitation.map { $0 / total }
    }
}
