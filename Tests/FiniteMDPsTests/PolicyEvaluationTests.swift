import DenseLinearAlgebra
import Foundation
import Testing
@testable import FiniteMDPs

/// Exact policy evaluation and the paper's identities (§2), over many random MDPs.
@Suite struct PolicyEvaluationTests {
    /// The deterministic chain 0 → 1 → 1 with r = (0, 1), γ = 0.9, s0 = 0, worked by hand:
    /// V = (9, 10), η = 9, ρ = (1, 9) (Σ_t 0.9^t over t ≥ 1 at state 1), A = 0.
    @Test func handWorkedChain() throws {
        let mdp = try FiniteMDP(
            transitions: [[[0, 1]], [[0, 1]]], reward: .state([0, 1]), initialDistribution: [1, 0], discount: 0.9)
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: .uniform(stateCount: 2, actionCount: 1))
        #expect(abs(evaluation.stateValues[0] - 9) < 1e-12)
        #expect(abs(evaluation.stateValues[1] - 10) < 1e-12)
        #expect(abs(evaluation.expectedReturn - 9) < 1e-12)
        #expect(abs(evaluation.visitation[0] - 1) < 1e-12)
        #expect(abs(evaluation.visitation[1] - 9) < 1e-12)
        #expect(evaluation.maximumAbsoluteAdvantage < 1e-12)
    }

    /// A random (MDP, π, π̃) case: sizes, γ and reward convention vary with the index.
    static func randomCase(_ index: Int) throws -> (FiniteMDP, TabularPolicy, TabularPolicy) {
        let states = 1 + index % 7
        let actions = 1 + (index / 7) % 4
        let gamma = [0.0, 0.5, 0.9, 0.99][index % 4]
        let mdp = try FiniteMDP.random(
            stateCount: states, actionCount: actions, discount: gamma, seed: UInt64(index),
            rewardsDependOnAction: index % 2 == 1)
        var stream = RandomStream(seed: UInt64(index), stream: 7)
        let policy = TabularPolicy.random(stateCount: states, actionCount: actions, stream: &stream)
        let other = TabularPolicy.random(stateCount: states, actionCount: actions, stream: &stream)
        return (mdp, policy, other)
    }

    /// V and ρ against repeated sweeps of their fixed-point equations (an independent computation):
    /// V = r_π + γ P_π V, ρ = ρ0 + γ P_πᵀ ρ; also Σ_a π A = 0, Σ ρ = 1/(1 − γ), η = Σ ρ r_π.
    @Test(arguments: 0..<50)
    func exactEvaluationSatisfiesItsDefinitions(index: Int) throws {
        let (mdp, policy, _) = try Self.randomCase(index)
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: policy)
        let states = mdp.stateCount
        let actions = mdp.actionCount
        var values = [Double](repeating: 0, count: states)
        var visitation = mdp.initialDistribution
        // Enough sweeps that γ^n < 1e-12.
        let sweeps = mdp.discount == 0 ? 2 : Int(Foundation.log(1e-12) / Foundation.log(mdp.discount)) + 2
        for _ in 0..<sweeps {
            var nextValues = [Double](repeating: 0, count: states)
            var nextVisitation = mdp.initialDistribution
            for state in 0..<states {
                for action in 0..<actions {
                    let weight = policy.probability(of: action, in: state)
                    var backup = mdp.reward(state: state, action: action)
                    for next in 0..<states {
                        let p = mdp.transitionProbability(from: state, action: action, to: next)
                        backup += mdp.discount * p * values[next]
                        nextVisitation[next] += mdp.discount * weight * p * visitation[state]
                    }
                    nextValues[state] += weight * backup
                }
            }
            values = nextValues
            visitation = nextVisitation
        }
        let scale = 1 / (1 - mdp.discount)
        for state in 0..<states {
            #expect(abs(values[state] - evaluation.stateValues[state]) < 1e-10 * scale)
            #expect(abs(visitation[state] - evaluation.visitation[state]) < 1e-10 * scale)
            #expect(abs(evaluation.expectedAdvantage(of: policy, in: state)) < 1e-12 * scale)
        }
        #expect(abs(evaluation.visitation.reduce(0, +) - scale) < 1e-12 * scale)
        var fromVisitation = 0.0
        for state in 0..<states {
            for action in 0..<actions {
                fromVisitation += evaluation.visitation[state] * policy.probability(of: action, in: state)
                    * mdp.reward(state: state, action: action)
            }
        }
        #expect(abs(fromVisitation - evaluation.expectedReturn) < 1e-12 * scale)
    }

    /// L_π(π) = η(π) and Kakade–Langford: η(π̃) = η(π) + Σ_s ρ_π̃(s) Σ_a π̃(a|s) A_π(s, a), to 1e-9.
    @Test(arguments: 0..<60)
    func kakadeLangfordIdentityIsExact(index: Int) throws {
        let (mdp, policy, other) = try Self.randomCase(index)
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: policy)
        let otherEvaluation = try PolicyEvaluation(mdp: mdp, policy: other)
        #expect(abs(evaluation.surrogate(policy) - evaluation.expectedReturn) < 1e-9)
        let predicted = evaluation.expectedReturn
            + evaluation.advantageGain(of: other, stateWeights: otherEvaluation.visitation)
        #expect(abs(predicted - otherEvaluation.expectedReturn) < 1e-9)
    }

    /// Theorem 1 for arbitrary nearby pairs: η(π̃) ≥ L_π(π̃) − C α² with α = D_TV^max, and
    /// therefore ≥ L_π(π̃) − C·D_KL^max (TV² ≤ KL). Pairs are π̃ = (1 − w) π + w·random.
    @Test(arguments: 0..<60)
    func theoremOneHoldsForRandomPairs(index: Int) throws {
        let (mdp, policy, other) = try Self.randomCase(index)
        let evaluation = try PolicyEvaluation(mdp: mdp, policy: policy)
        let penalty = penaltyCoefficient(epsilon: evaluation.maximumAbsoluteAdvantage, discount: mdp.discount)
        for weight in [0.0, 0.01, 0.1, 0.5, 1.0] {
            let nearby = policy.mixed(with: other, weight: weight)
            let eta = try PolicyEvaluation(mdp: mdp, policy: nearby).expectedReturn
            let surrogate = evaluation.surrogate(nearby)
            let alpha = policy.maximumTotalVariationDivergence(to: nearby)
            let kl = policy.maximumKLDivergence(to: nearby)
            #expect(alpha * alpha <= kl + 1e-15)
            #expect(eta >= surrogate - penalty * alpha * alpha - 1e-9)
            #expect(eta >= surrogate - penalty * kl - 1e-9)
        }
    }

    @Test func divergencesOnKnownDistributions() {
        #expect(abs(totalVariationDivergence([0.5, 0.5], [0.9, 0.1]) - 0.4) < 1e-15)
        let expected = 0.5 * Foundation.log(0.5 / 0.9) + 0.5 * Foundation.log(0.5 / 0.1)
        #expect(abs(klDivergence([0.5, 0.5], [0.9, 0.1]) - expected) < 1e-15)
        #expect(klDivergence([0, 1], [0.5, 0.5]) == Foundation.log(2))
        #expect(klDivergence([0.5, 0.5], [1, 0]) == .infinity)
        #expect(abs(penaltyCoefficient(epsilon: 2, discount: 0.9) - 4 * 2 * 0.9 / 0.01) < 1e-9)
    }

    @Test func rejectsPolicyOfWrongShape() throws {
        let mdp = try FiniteMDP.random(stateCount: 3, actionCount: 2, discount: 0.9, seed: 0)
        #expect(throws: FiniteMDPError.policyShapeMismatch(
            expectedStates: 3, expectedActions: 2, foundStates: 2, foundActions: 2)) {
            try PolicyEvaluation(mdp: mdp, policy: .uniform(stateCount: 2, actionCount: 2))
        }
    }
}
