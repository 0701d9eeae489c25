/// Which exact policy update an `ExactPolicyIteration` applies.
public enum PolicyUpdateMethod: String, CaseIterable, Sendable {
    /// Algorithm 1: argmax_π L_{π_i}(π) − C·D_KL^max(π_i, π), C = 4εγ/(1 − γ)² (`penalizedPolicyUpdate`).
    case penalty
    /// The practical relaxation: argmax_π L_{π_i}(π) s.t. D̄_KL^ρ(π_i, π) ≤ δ (`meanKLConstrainedPolicyUpdate`).
    case constrained
    /// Kakade and Langford's conservative mixture (1 − α) π_i + α π' (`mixturePolicyUpdate`).
    case mixture
}

/// Everything measured about one update π_i → π_{i+1}, with the paper's checks.
///
/// The checks use the tolerance `tolerance` = 1e-9 · max(1, max_s |V_{π_i}(s)|, max_s |V_{π_{i+1}}(s)|).
public struct PolicyIterationRecord: Equatable, Sendable {
    /// i + 1, counting updates from 1.
    public var iteration: Int
    /// η(π_i), the return before the update.
    public var previousReturn: Double
    /// η(π_{i+1}), the exact return after the update.
    public var expectedReturn: Double
    /// L_{π_i}(π_{i+1}), the surrogate of the new policy.
    public var surrogate: Double
    /// D_KL^max(π_i, π_{i+1}) (+∞ if π_{i+1} drops an action π_i uses).
    public var maximumKL: Double
    /// D̄_KL^ρ(π_i, π_{i+1}), weighted by ρ_{π_i} normalised.
    public var meanKL: Double
    /// D_TV^max(π_i, π_{i+1}).
    public var maximumTotalVariation: Double
    /// ε = max_{s,a} |A_{π_i}(s, a)|.
    public var epsilon: Double
    /// C = 4εγ/(1 − γ)².
    public var penaltyCoefficient: Double
    /// The update's scalar (κ*, λ or α, see `PolicyUpdate.stepParameter`).
    public var stepParameter: Double
    /// Theorem 1's bound L_{π_i}(π_{i+1}) − C·D_KL^max(π_i, π_{i+1}) (−∞ if the KL is infinite).
    public var theoremBound: Double
    /// The method's bound: Theorem 1's for penalty and constrained, Kakade–Langford's for mixture.
    public var bound: Double
    /// η(π_{i+1}) ≥ every bound above − tolerance.
    public var boundHolds: Bool
    /// |L_{π_i}(π_i) − η(π_i)|, zero in exact arithmetic.
    public var surrogateIdentityResidual: Double
    /// |η(π_{i+1}) − η(π_i) − Σ_s ρ_{π_{i+1}}(s) Σ_a π_{i+1}(a|s) A_{π_i}(s, a)|, zero in exact arithmetic.
    public var performanceDifferenceResidual: Double
    /// Both residuals ≤ tolerance.
    public var identitiesHold: Bool
    /// η(π_{i+1}) ≥ η(π_i) − tolerance (guaranteed for penalty and mixture, not for constrained).
    public var returnDidNotDecrease: Bool
}

/// Exact policy iteration on a finite MDP with one of the paper's updates, checking Theorem 1, the
/// Kakade–Langford identity and L_π(π) = η(π) at every step.
public struct ExactPolicyIteration: Sendable {
    /// The MDP.
    public let mdp: FiniteMDP
    /// The update rule.
    public let method: PolicyUpdateMethod
    /// δ for the `constrained` method.
    public let maxKL: Double
    /// π_i, the current policy.
    public private(set) var policy: TabularPolicy
    /// The exact evaluation of π_i.
    public private(set) var evaluation: PolicyEvaluation
    /// i, the number of updates made so far.
    public private(set) var iteration = 0

    /// Starts from `initialPolicy` (π0).
    ///
    /// - Throws: `FiniteMDPError` if the policy does not fit the MDP or δ is not finite and positive.
    public init(
        mdp: FiniteMDP, initialPolicy: TabularPolicy, method: PolicyUpdateMethod, maxKL: Double = 0.01
    ) throws(FiniteMDPError) {
        guard maxKL.isFinite, maxKL > 0 else {
            throw .invalidParameter(name: "delta", value: maxKL, requirement: "must be finite and positive")
        }
        self.mdp = mdp
        self.method = method
        self.maxKL = maxKL
        self.policy = initialPolicy
        self.evaluation = try PolicyEvaluation(mdp: mdp, policy: initialPolicy)
    }

    /// Makes one update π_i → π_{i+1}, evaluates π_{i+1} exactly and returns the checks.
    public mutating func step() throws(FiniteMDPError) -> PolicyIterationRecord {
        let old = evaluation
        let epsilon = old.maximumAbsoluteAdvantage
        let penalty = penaltyCoefficient(epsilon: epsilon, discount: mdp.discount)
        let update: PolicyUpdate
        var mixtureBound: Double?
        switch method {
        case .penalty:
            update = try penalizedPolicyUpdate(evaluation: old, penalty: penalty)
        case .constrained:
            update = try meanKLConstrainedPolicyUpdate(evaluation: old, maxKL: maxKL)
        case .mixture:
            let result = mixturePolicyUpdate(evaluation: old)
            update = result.update
            mixtureBound = result.bound
        }
        let new = try PolicyEvaluation(mdp: mdp, policy: update.policy)
        let surrogate = old.surrogate(update.policy)
        let maximumKL = old.policy.maximumKLDivergence(to: update.policy)
        let theoremBound = maximumKL.isInfinite ? -.infinity : surrogate - penalty * maximumKL
        let scale = max(1, old.stateValues.reduce(0) { max($0, abs($1)) }, new.stateValues.reduce(0) { max($0, abs($1)) })
        let tolerance = 1e-9 * scale
        let predicted = old.expectedReturn + old.advantageGain(of: update.policy, stateWeights: new.visitation)
        let identityResidual = abs(old.surrogate(old.policy) - old.expectedReturn)
        let differenceResidual = abs(new.expectedReturn - predicted)
        let bound = mixtureBound ?? theoremBound
        iteration += 1
        policy = update.policy
        evaluation = new
        return PolicyIterationRecord(
            iteration: iteration,
            previousReturn: old.expectedReturn,
            expectedReturn: new.expectedReturn,
            surrogate: surrogate,
            maximumKL: maximumKL,
            meanKL: old.policy.meanKLDivergence(to: update.policy, stateWeights: old.normalizedVisitation),
            maximumTotalVariation: old.policy.maximumTotalVariationDivergence(to: update.policy),
            epsilon: epsilon,
            penaltyCoefficient: penalty,
            stepParameter: update.stepParameter,
            theoremBound: theoremBound,
            bound: bound,
            boundHolds: new.expectedReturn >= max(bound, theoremBound) - tolerance,
            surrogateIdentityResidual: identityResidual,
            performanceDifferenceResidual: differenceResidual,
            identitiesHold: identityResidual <= tolerance && differenceResidual <= tolerance,
            returnDidNotDecrease: new.expectedReturn >= old.expectedReturn - tolerance)
    }

    /// Makes `count` updates and returns their records in order.
    public mutating func run(iterations count: Int) throws(FiniteMDPError) -> [PolicyIterationRecord] {
        var records: [PolicyIterationRecord] = []
        for _ in 0..<max(0, count) { records.append(try step()) }
        return records
    }
}
