import DenseLinearAlgebra
import Foundation
import Testing
@testable import FiniteMDPs

/// Construction, validation, random generation and JSON of finite MDPs.
@Suite struct FiniteMDPTests {
    /// A valid 2-state, 2-action MDP to perturb.
    static let transitions: [[[Double]]] = [[[0.5, 0.5], [1, 0]], [[0, 1], [0.25, 0.75]]]

    @Test func validMDPIsStoredFlatAndRowMajor() throws {
        let mdp = try FiniteMDP(
            transitions: Self.transitions, reward: .state([1, 2]), initialDistribution: [0.3, 0.7], discount: 0.9)
        #expect(mdp.stateCount == 2 && mdp.actionCount == 2)
        #expect(mdp.transitionProbability(from: 1, action: 1, to: 1) == 0.75)
        #expect(mdp.transitionProbability(from: 0, action: 1, to: 0) == 1)
        #expect(mdp.rewardTable == [1, 1, 2, 2])
        #expect(mdp.nestedTransitions == Self.transitions)
    }

    @Test func rejectsRowNotSummingToOne() {
        var bad = Self.transitions
        bad[1][0] = [0.5, 0.5 + 2e-9]
        let error = #expect(throws: FiniteMDPError.self) {
            try FiniteMDP(transitions: bad, reward: .state([0, 0]), initialDistribution: [1, 0], discount: 0.5)
        }
        guard case .rowDoesNotSumToOne(let path, let sum, let tolerance) = error else {
            Issue.record("expected rowDoesNotSumToOne, got \(String(describing: error))")
            return
        }
        #expect(path == "P[1][0]" && abs(sum - (1 + 2e-9)) < 1e-15 && tolerance == 1e-9)
        // Within 1e-9 is accepted.
        bad[1][0] = [0.5, 0.5 + 5e-10]
        #expect(throws: Never.self) {
            try FiniteMDP(transitions: bad, reward: .state([0, 0]), initialDistribution: [1, 0], discount: 0.5)
        }
    }

    @Test func rejectsNegativeProbabilityAndNaN() {
        var bad = Self.transitions
        bad[0][1] = [1.5, -0.5]
        #expect(throws: FiniteMDPError.negativeProbability(path: "P[0][1][1]", value: -0.5)) {
            try FiniteMDP(transitions: bad, reward: .state([0, 0]), initialDistribution: [1, 0], discount: 0.5)
        }
        #expect(throws: FiniteMDPError.self) {
            try FiniteMDP(
                transitions: Self.transitions, reward: .state([.nan, 0]), initialDistribution: [1, 0], discount: 0.5)
        }
        #expect(throws: FiniteMDPError.negativeProbability(path: "rho0[0]", value: -1)) {
            try FiniteMDP(transitions: Self.transitions, reward: .state([0, 0]), initialDistribution: [-1, 2], discount: 0.5)
        }
    }

    @Test(arguments: [1.0, -0.1, 1.5, Double.nan])
    func rejectsDiscountOutsideUnitInterval(gamma: Double) {
        #expect(throws: FiniteMDPError.self) {
            try FiniteMDP(transitions: Self.transitions, reward: .state([0, 0]), initialDistribution: [1, 0], discount: gamma)
        }
    }

    @Test func rejectsShapeMismatches() {
        #expect(throws: FiniteMDPError.shapeMismatch(path: "P[1]", expected: 2, found: 1)) {
            try FiniteMDP(
                transitions: [Self.transitions[0], [[0, 1]]], reward: .state([0, 0]), initialDistribution: [1, 0],
                discount: 0.5)
        }
        #expect(throws: FiniteMDPError.shapeMismatch(path: "P[0][0]", expected: 2, found: 3)) {
            try FiniteMDP(
                transitions: [[[0.2, 0.3, 0.5], [1, 0]], Self.transitions[1]], reward: .state([0, 0]),
                initialDistribution: [1, 0], discount: 0.5)
        }
        #expect(throws: FiniteMDPError.shapeMismatch(path: "r[1]", expected: 2, found: 3)) {
            try FiniteMDP(
                transitions: Self.transitions, reward: .stateAction([[0, 0], [0, 0, 0]]), initialDistribution: [1, 0],
                discount: 0.5)
        }
        #expect(throws: FiniteMDPError.shapeMismatch(path: "rho0", expected: 2, found: 1)) {
            try FiniteMDP(transitions: Self.transitions, reward: .state([0, 0]), initialDistribution: [1], discount: 0.5)
        }
    }

    @Test func errorMessagesNameTheBadInput() {
        let message = FiniteMDPError.rowDoesNotSumToOne(path: "P[3][1]", sum: 0.98, tolerance: 1e-9).description
        #expect(message.contains("P[3][1]") && message.contains("0.98"))
        #expect(FiniteMDPError.discountOutOfRange(1).description.contains("gamma = 1.0"))
    }

    @Test func randomMDPsAreValidAndReproducible() throws {
        let first = try FiniteMDP.random(stateCount: 7, actionCount: 3, discount: 0.9, seed: 42)
        let again = try FiniteMDP.random(stateCount: 7, actionCount: 3, discount: 0.9, seed: 42)
        let other = try FiniteMDP.random(stateCount: 7, actionCount: 3, discount: 0.9, seed: 43)
        #expect(first == again)
        #expect(first != other)
        #expect(first.rewardTable.allSatisfy { $0 >= 0 && $0 < 1 })
        for row in 0..<(7 * 3) {
            let sum = first.transitions[(row * 7)..<((row + 1) * 7)].reduce(0, +)
            #expect(abs(sum - 1) < 1e-12)
        }
        let actionRewards = try FiniteMDP.random(
            stateCount: 4, actionCount: 2, discount: 0.5, seed: 1, rewardsDependOnAction: true)
        guard case .stateAction(let rows) = actionRewards.reward else {
            Issue.record("expected r(s, a)")
            return
        }
        #expect(rows.count == 4 && rows.allSatisfy { $0.count == 2 })
    }

    @Test(arguments: [false, true])
    func jsonRoundTripIsExact(rewardsDependOnAction: Bool) throws {
        let mdp = try FiniteMDP.random(
            stateCount: 5, actionCount: 3, discount: 0.95, seed: 9, rewardsDependOnAction: rewardsDependOnAction)
        var stream = RandomStream(seed: 5)
        let policy = TabularPolicy.random(stateCount: 5, actionCount: 3, stream: &stream)
        let document = try FiniteMDPDocument(mdp: mdp, policy: policy)
        let decoded = try FiniteMDPDocument(jsonData: document.jsonData())
        #expect(decoded == document)
        // The top-level keys are exactly the issue's schema.
        let object = try #require(try JSONSerialization.jsonObject(with: document.jsonData()) as? [String: Any])
        #expect(Set(object.keys) == ["P", "r", "rho0", "gamma", "policy"])
    }

    @Test func jsonWithoutPolicyAndWithIntegers() throws {
        let text = #"{"P": [[[1, 0], [0, 1]], [[0, 1], [1, 0]]], "r": [0, 1], "rho0": [1, 0], "gamma": 0.5}"#
        let document = try FiniteMDPDocument(jsonData: Data(text.utf8))
        #expect(document.policy == nil)
        #expect(document.mdp.reward == .state([0, 1]))
    }

    @Test func jsonErrorsAreClear() {
        func message(_ text: String) -> String {
            do {
                _ = try FiniteMDPDocument(jsonData: Data(text.utf8))
                return "no error"
            } catch { return error.description }
        }
        #expect(message(#"{"r": [0], "rho0": [1], "gamma": 0.5}"#).contains("missing key \"P\""))
        #expect(message(#"{"P": [[[1]]], "r": "x", "rho0": [1], "gamma": 0.5}"#).contains("r"))
        #expect(message("{not json").contains("not valid JSON"))
        #expect(message(#"{"P": [[[0.5, 0.6]], [[1, 0]]], "r": [0, 0], "rho0": [1, 0], "gamma": 0.5}"#)
            .contains("P[0][0] sums to"))
        #expect(message(#"{"P": [[[1]]], "r": [0], "rho0": [1], "gamma": 0.5, "policy": [[1, 0]]}"#)
            .contains("policy[0] has 2 entries, expected 1"))
        #expect(message(#"{"P": [[[1]]], "r": [0], "rho0": [1], "gamma": 1}"#).contains("gamma"))
    }
}
