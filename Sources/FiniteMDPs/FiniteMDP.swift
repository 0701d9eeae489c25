/// The reward of a finite MDP: the paper's r(s), or the more general r(s, a).
///
/// Schulman et al. (2015, §2) write r : S → ℝ, so that the reward of step t is r(s_t). Many finite-MDP
/// texts use r(s, a) instead. Both are supported; a state reward is the special case r(s, a) = r(s)
/// for every a, and every identity of the paper holds exactly in either convention (see
/// `PolicyEvaluation`).
public enum RewardFunction: Equatable, Sendable {
    /// r(s): one reward per state, `values[s]` (the paper's convention).
    case state([Double])
    /// r(s, a): one reward per state and action, `values[s][a]`.
    case stateAction([[Double]])
}

/// A finite discounted Markov decision process (S, A, P, r, ρ0, γ) of Schulman et al. (2015, §2).
///
/// States are 0..<S and actions 0..<A. Probabilities are stored flat and row-major so the exact
/// computations run over contiguous `Double` buffers:
/// `transitions[(s * A + a) * S + s']` is P(s' | s, a) and `rewardTable[s * A + a]` is r(s, a).
/// Construction validates everything (shapes, finiteness, non-negative probabilities, rows summing
/// to 1 within `probabilityRowTolerance`, γ in [0, 1)), so a `FiniteMDP` value is always well formed.
public struct FiniteMDP: Equatable, Sendable {
    /// S, the number of states.
    public let stateCount: Int
    /// A, the number of actions (the same in every state).
    public let actionCount: Int
    /// P(s' | s, a) flat: index `(s * actionCount + a) * stateCount + s'`.
    public let transitions: [Double]
    /// The reward as given (r(s) or r(s, a)); kept so a dump writes back what was loaded.
    public let reward: RewardFunction
    /// r(s, a) flat: index `s * actionCount + a` (a state reward repeated over actions).
    public let rewardTable: [Double]
    /// ρ0(s), the distribution of the initial state s0.
    public let initialDistribution: [Double]
    /// γ, the discount factor, in [0, 1).
    public let discount: Double

    /// Creates a validated MDP from nested arrays.
    ///
    /// - Parameters:
    ///   - transitions: `transitions[s][a][s']` = P(s' | s, a); every row must be a probability vector.
    ///   - reward: r(s) (length S) or r(s, a) (S × A), all finite.
    ///   - initialDistribution: ρ0, a probability vector of length S.
    ///   - discount: γ in [0, 1).
    /// - Throws: `FiniteMDPError` naming the first bad entry.
    public init(
        transitions: [[[Double]]], reward: RewardFunction, initialDistribution: [Double], discount: Double
    ) throws(FiniteMDPError) {
        let states = transitions.count
        guard states >= 1 else { throw .emptyDimension(what: "the number of states (P's length)", count: states) }
        let actions = transitions[0].count
        guard actions >= 1 else { throw .emptyDimension(what: "the number of actions (P[0]'s length)", count: actions) }
        var flat: [Double] = []
        flat.reserveCapacity(states * actions * states)
        for (state, perAction) in transitions.enumerated() {
            guard perAction.count == actions else {
                throw .shapeMismatch(path: "P[\(state)]", expected: actions, found: perAction.count)
            }
            for (action, row) in perAction.enumerated() {
                try validateProbabilityRow(row, count: states, path: "P[\(state)][\(action)]")
                flat.append(contentsOf: row)
            }
        }
        var table: [Double] = []
        table.reserveCapacity(states * actions)
        switch reward {
        case .state(let values):
            guard values.count == states else { throw .shapeMismatch(path: "r", expected: states, found: values.count) }
            for (state, value) in values.enumerated() {
                guard value.isFinite else { throw .notFinite(path: "r[\(state)]", value: value) }
                table.append(contentsOf: repeatElement(value, count: actions))
            }
        case .stateAction(let values):
            guard values.count == states else { throw .shapeMismatch(path: "r", expected: states, found: values.count) }
            for (state, row) in values.enumerated() {
                guard row.count == actions else {
                    throw .shapeMismatch(path: "r[\(state)]", expected: actions, found: row.count)
                }
                for (action, value) in row.enumerated() {
                    guard value.isFinite else { throw .notFinite(path: "r[\(state)][\(action)]", value: value) }
                }
                table.append(contentsOf: row)
            }
        }
        try validateProbabilityRow(initialDistribution, count: states, path: "rho0")
        guard discount.isFinite, discount >= 0, discount < 1 else { throw .discountOutOfRange(discount) }
        self.stateCount = states
        self.actionCount = actions
        self.transitions = flat
        self.reward = reward
        self.rewardTable = table
        self.initialDistribution = initialDistribution
        self.discount = discount
    }

    /// P(s' | s, a).
    @inlinable
    public func transitionProbability(from state: Int, action: Int, to nextState: Int) -> Double {
        transitions[(state * actionCount + action) * stateCount + nextState]
    }

    /// r(s, a) (equal to r(s) for a state reward).
    @inlinable
    public func reward(state: Int, action: Int) -> Double {
        rewardTable[state * actionCount + action]
    }

    /// P as nested arrays `[s][a][s']`, the JSON layout.
    public var nestedTransitions: [[[Double]]] {
        (0..<stateCount).map { state in
            (0..<actionCount).map { action in
                let start = (state * actionCount + action) * stateCount
                return Array(transitions[start..<(start + stateCount)])
            }
        }
    }
}
