import DenseLinearAlgebra
import Testing
@testable import FiniteMDPs

/// Algorithm 1 and the practical updates over many random MDPs, with the paper's checks.
@Suite struct PolicyIterationTests {
    /// The i-th of 50 random MDPs: 2 to 12 states, 2 to 4 actions, γ in {0.5, 0.9, 0.95}, both
    /// reward conventions.
    static func mdp(_ index: Int) throws -> FiniteMDP {
        try FiniteMDP.random(
            stateCount: [2, 3, 5, 8, 12][index % 5], actionCount: [2, 3, 4][index % 3],
            discount: [0.5, 0.9, 0.95][index % 3 == 0 ? 2 : index % 2], seed: UInt64(1000 + index),
            rewardsDependOnAction: index % 4 == 3)
    }

    /// Algorithm 1: Theorem 1's bound holds, η never decreases, the identities hold to 1e-9·scale,
    /// and the policy improves strictly over the run.
    @Test(arguments: 0..<50)
    func algorithmOneIsMonotoneAndBounded(index: Int) throws {
        let mdp = try Self.mdp(index)
        var iteration = try ExactPolicyIteration(
            mdp: mdp, initialPolicy: .uniform(stateCount: mdp.stateCount, actionCount: mdp.actionCount),
            method: .penalty)
        let records = try iteration.run(iterations: 6)
        for record in records {
            #expect(record.boundHolds, "iteration \(record.iteration): η \(record.expectedReturn) < \(record.bound)")
            #expect(record.returnDidNotDecrease)
            #expect(record.identitiesHold)
            #expect(record.surrogateIdentityResidual < 1e-9 && record.performanceDifferenceResidual < 1e-9)
            // M_i(π_{i+1}) ≥ M_i(π_i) = η(π_i): the update is at least as good as standing still.
            #expect(record.theoremBound >= record.previousReturn - 1e-12)
        }
        let first = try #require(records.first)
        let last = try #require(records.last)
        #expect(last.expectedReturn > first.previousReturn)
    }

    /// The conservative mixture: α in [0, 1], Kakade–Langford's bound and Theorem 1 hold, η never
    /// decreases.
    @Test(arguments: 0..<50)
    func mixtureUpdateIsMonotoneAndBounded(index: Int) throws {
        let mdp = try Self.mdp(index)
        var iteration = try ExactPolicyIteration(
            mdp: mdp, initialPolicy: .uniform(stateCount: mdp.stateCount, actionCount: mdp.actionCount),
            method: .mixture)
        for record in try iteration.run(iterations: 6) {
            #expect(record.stepParameter >= 0 && record.stepParameter <= 1)
            #expect(record.boundHolds && record.identitiesHold && record.returnDidNotDecrease)
            #expect(record.bound >= record.previousReturn - 1e-12)  // α = 0 is a candidate
        }
    }

    /// The mean-KL-constrained step: D̄_KL^ρ = δ when binding (≤ δ always), Theorem 1 holds (it
    /// holds for every pair of policies), and the identities hold.
    @Test(arguments: 0..<50)
    func meanKLStepMeetsItsBudget(index: Int) throws {
        let mdp = try Self.mdp(index)
        let delta = [0.001, 0.01, 0.1][index % 3]
        var iteration = try ExactPolicyIteration(
            mdp: mdp, initialPolicy: .uniform(stateCount: mdp.stateCount, actionCount: mdp.actionCount),
            method: .constrained, maxKL: delta)
        for record in try iteration.run(iterations: 6) {
            #expect(record.meanKL <= delta * (1 + 1e-9))
            if record.stepParameter > 0 { #expect(abs(record.meanKL - delta) <= 1e-9 * delta) }
            #expect(record.boundHolds && record.identitiesHold)
            #expect(record.surrogate >= record.previousReturn - 1e-12)  // π_i is feasible
        }
    }

    /// With C = 0 Algorithm 1's update is greedy policy improvement (Howard's policy iteration).
    @Test(arguments: 0..<10)
    func zeroPenaltyIsGreedyImprovement(index: Int) throws {
        let mdp = try Self.mdp(index)
        let evaluation = try PolicyEvaluation(
            mdp: mdp, policy: .uniform(stateCount: mdp.stateCount, actionCount: mdp.actionCount))
        let update = try penalizedPolicyUpdate(evaluation: evaluation, penalty: 0)
        #expect(update.policy == greedyPolicy(evaluation: evaluation))
    }

    /// On 2-state, 2-action MDPs Algorithm 1's objective L − C·D_KL^max and the mean-KL program are
    /// checked against a 1001 × 1001 grid of policies (C scaled down so the optimum is far from π_i).
    @Test(arguments: 0..<6)
    func updatesBeatAGridOfPolicies(seed: Int) throws {
        let mdp = try FiniteMDP.random(stateCount: 2, actionCount: 2, discount: 0.8, seed: UInt64(seed))
        var stream = RandomStream(seed: UInt64(seed), stream: 3)
        let old = TabularPolicy.random(stateCount: 2, actionCount: 2, stream: &stream)
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: old)
        let penalty = 0.05 * penaltyCoefficient(epsilon: evaluation.maximumAbsoluteAdvantage, discount: 0.8)
        let delta = 0.02
        let weights = evaluation.normalizedVisitation
        let objective = { (policy: TabularPolicy) in
            evaluation.surrogate(policy) - penalty * old.maximumKLDivergence(to: policy)
        }
        let penalized = try penalizedPolicyUpdate(evaluation: evaluation, penalty: penalty).policy
        let constrained = try meanKLConstrainedPolicyUpdate(evaluation: evaluation, maxKL: delta).policy
        #expect(old.meanKLDivergence(to: constrained, stateWeights: weights) <= delta * (1 + 1e-9))
        // Per state and grid point x = π(0|s): its term of Σ_s ρ(s) Σ_a π A, and its KL from π_i.
        let resolution = 1000
        let grid = (0...resolution).map { Double($0) / Double(resolution) }
        let gains = (0..<2).map { state in
            grid.map { x in
                evaluation.visitation[state]
                    * (x * evaluation.advantage(state: state, action: 0) + (1 - x) * evaluation.advantage(state: state, action: 1))
            }
        }
        let divergences = (0..<2).map { state in grid.map { klDivergence(old.distribution(in: state), [$0, 1 - $0]) } }
        var bestPenalized = -Double.infinity
        var bestConstrained = -Double.infinity
        for i in grid.indices {
            for j in grid.indices {
                let gain = evaluation.expectedReturn + gains[0][i] + gains[1][j]
                bestPenalized = max(bestPenalized, gain - penalty * max(divergences[0][i], divergences[1][j]))
                if weights[0] * divergences[0][i] + weights[1] * divergences[1][j] <= delta {
                    bestConstrained = max(bestConstrained, gain)
                }
            }
        }
        let scale = evaluation.maximumAbsoluteAdvantage / (1 - mdp.discount)
        // Optimal: no grid point is better. Close: one grid step moves L by at most scale/1000.
        #expect(objective(penalized) >= bestPenalized - 1e-12)
        #expect(objective(penalized) <= bestPenalized + 1e-2 * scale)
        #expect(evaluation.surrogate(constrained) >= bestConstrained - 1e-12)
        #expect(evaluation.surrogate(constrained) <= bestConstrained + 1e-2 * scale)
    }

    /// From a deterministic π_i the KL −log(1 − m) is linear in the moved mass m, like the gain, so for
    /// γ ≥ 0.2 (Σ_s ρ(s) max_a A ≤ ε/(1 − γ) ≤ C) Algorithm 1 stays put, while the mean-KL step, which
    /// handles actions outside the support of π_i, still improves L.
    @Test(arguments: 0..<10)
    func deterministicStartIsAFixedPointOfAlgorithmOne(index: Int) throws {
        let mdp = try Self.mdp(index)
        let rows = (0..<mdp.stateCount).map { state in
            (0..<mdp.actionCount).map { $0 == state % mdp.actionCount ? 1.0 : 0.0 }
        }
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: TabularPolicy(rows: rows))
        let penalty = penaltyCoefficient(epsilon: evaluation.maximumAbsoluteAdvantage, discount: mdp.discount)
        #expect(try penalizedPolicyUpdate(evaluation: evaluation, penalty: penalty).policy == evaluation.policy)
        // Unless the deterministic policy happens to be optimal (no positive advantage).
        guard (evaluation.advantages.max() ?? 0) > 1e-12 else { return }
        let constrained = try meanKLConstrainedPolicyUpdate(evaluation: evaluation, maxKL: 0.01).policy
        let weights = evaluation.normalizedVisitation
        #expect(abs(evaluation.policy.meanKLDivergence(to: constrained, stateWeights: weights) - 0.01) < 1e-11)
        #expect(evaluation.surrogate(constrained) > evaluation.expectedReturn)
    }

    @Test func rejectsInvalidStepParameters() throws {
        let mdp = try Self.mdp(0)
        let uniform = TabularPolicy.uniform(stateCount: mdp.stateCount, actionCount: mdp.actionCount)
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: uniform)
        #expect(throws: FiniteMDPError.self) { try meanKLConstrainedPolicyUpdate(evaluation: evaluation, maxKL: 0) }
        #expect(throws: FiniteMDPError.self) { try penalizedPolicyUpdate(evaluation: evaluation, penalty: -1) }
        #expect(throws: FiniteMDPError.self) {
            try ExactPolicyIteration(mdp: mdp, initialPolicy: uniform, method: .constrained, maxKL: .nan)
        }
    }
}
