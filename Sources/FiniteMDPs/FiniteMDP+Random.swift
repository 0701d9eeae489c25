import DenseLinearAlgebra
import Foundation

// MARK: - Random MDPs and policies from a seed

extension FiniteMDP {
    /// The `RandomStream` stream identifier used for random MDPs, so other consumers of a seed differ.
    public static let randomStreamIdentifier: UInt64 = 0x4D44_50  // "MDP"

    /// A random MDP with S states and A actions, reproducible from `seed`.
    ///
    /// The distribution, drawn in this order from `RandomStream(seed: seed, stream: 0x4D4450)`:
    /// - every transition row P(· | s, a), for s then a, is Dirichlet(1, …, 1), i.e. uniform on the
    ///   probability simplex (S independent Exp(1) variables, normalised);
    /// - the reward is r(s) ~ Uniform[0, 1) per state (the paper's convention), or, when
    ///   `rewardsDependOnAction` is true, r(s, a) ~ Uniform[0, 1) per state and action;
    /// - ρ0 is Dirichlet(1, …, 1).
    ///
    /// - Throws: `FiniteMDPError` if a count is below 1 or γ is outside [0, 1).
    public static func random(
        stateCount: Int, actionCount: Int, discount: Double, seed: UInt64, rewardsDependOnAction: Bool = false
    ) throws(FiniteMDPError) -> FiniteMDP {
        guard stateCount >= 1 else { throw .emptyDimension(what: "the number of states", count: stateCount) }
        guard actionCount >= 1 else { throw .emptyDimension(what: "the number of actions", count: actionCount) }
        var stream = RandomStream(seed: seed, stream: randomStreamIdentifier)
        let transitions = (0..<stateCount).map { _ in
            (0..<actionCount).map { _ in stream.nextFlatDirichlet(count: stateCount) }
        }
        let reward: RewardFunction
        if rewardsDependOnAction {
            reward = .stateAction(
                (0..<stateCount).map { _ in (0..<actionCount).map { _ in stream.nextUniform() } })
        } else {
            reward = .state((0..<stateCount).map { _ in stream.nextUniform() })
        }
        let initial = stream.nextFlatDirichlet(count: stateCount)
        return try FiniteMDP(
            transitions: transitions, reward: reward, initialDistribution: initial, discount: discount)
    }
}

extension TabularPolicy {
    /// A random policy whose rows are Dirichlet(1, …, 1), drawn from `stream` state by state.
    public static func random(stateCount: Int, actionCount: Int, stream: inout RandomStream) -> TabularPolicy {
        var flat: [Double] = []
        flat.reserveCapacity(stateCount * actionCount)
        for _ in 0..<stateCount { flat.append(contentsOf: stream.nextFlatDirichlet(count: actionCount)) }
        return TabularPolicy(unchecked: flat, stateCount: stateCount, actionCount: actionCount)
    }
}

extension RandomStream {
    /// A draw from the flat Dirichlet(1, …, 1) on `count` categories: normalised Exp(1) variables.
    mutating func nextFlatDirichlet(count: Int) -> [Double] {
        // 1 − u lies in (0, 1], so each −log(1 − u) is a finite Exp(1) draw.
        var weights = (0..<count).map { _ in -log(1 - nextUniform()) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return [Double](repeating: 1 / Double(count), count: count) }
        for index in weights.indices { weights[index] /= total }
        return weights
    }
}
