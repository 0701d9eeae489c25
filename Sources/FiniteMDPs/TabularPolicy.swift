/// A stochastic policy π(a | s) on a finite MDP, stored as an S × A row-stochastic table.
///
/// `probabilities[s * actionCount + a]` is π(a | s). Every row is validated to be a probability
/// vector (finite, non-negative, summing to 1 within `probabilityRowTolerance`).
public struct TabularPolicy: Equatable, Sendable {
    /// S, the number of states.
    public let stateCount: Int
    /// A, the number of actions.
    public let actionCount: Int
    /// π(a | s) flat, row-major: index `s * actionCount + a`.
    public let probabilities: [Double]

    /// Creates a validated policy from rows `rows[s][a]` = π(a | s).
    ///
    /// - Throws: `FiniteMDPError` naming the first bad row or entry.
    public init(rows: [[Double]]) throws(FiniteMDPError) {
        let states = rows.count
        guard states >= 1 else { throw .emptyDimension(what: "the number of policy rows", count: states) }
        let actions = rows[0].count
        guard actions >= 1 else { throw .emptyDimension(what: "the number of actions in policy[0]", count: actions) }
        var flat: [Double] = []
        flat.reserveCapacity(states * actions)
        for (state, row) in rows.enumerated() {
            try validateProbabilityRow(row, count: actions, path: "policy[\(state)]")
            flat.append(contentsOf: row)
        }
        self.init(unchecked: flat, stateCount: states, actionCount: actions)
    }

    /// Creates a validated policy that must be exactly `stateCount` × `actionCount` (e.g. an MDP's S × A).
    ///
    /// - Throws: `FiniteMDPError.shapeMismatch` naming `policy` or `policy[s]`, or a row's error.
    public init(rows: [[Double]], stateCount: Int, actionCount: Int) throws(FiniteMDPError) {
        guard rows.count == stateCount else {
            throw .shapeMismatch(path: "policy", expected: stateCount, found: rows.count)
        }
        for (state, row) in rows.enumerated() {
            try validateProbabilityRow(row, count: actionCount, path: "policy[\(state)]")
        }
        try self.init(rows: rows)
    }

    /// Wraps a flat table that the caller guarantees is row-stochastic (used by the solvers).
    init(unchecked probabilities: [Double], stateCount: Int, actionCount: Int) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.probabilities = probabilities
    }

    /// The uniform policy π(a | s) = 1/A, the usual π0.
    public static func uniform(stateCount: Int, actionCount: Int) -> TabularPolicy {
        TabularPolicy(
            unchecked: [Double](repeating: 1 / Double(actionCount), count: stateCount * actionCount),
            stateCount: stateCount, actionCount: actionCount)
    }

    /// π(a | s).
    @inlinable
    public func probability(of action: Int, in state: Int) -> Double {
        probabilities[state * actionCount + action]
    }

    /// The distribution π(· | s) as an array of length A.
    public func distribution(in state: Int) -> [Double] {
        Array(probabilities[(state * actionCount)..<((state + 1) * actionCount)])
    }

    /// The table as nested rows `[s][a]`, the JSON layout.
    public var rows: [[Double]] { (0..<stateCount).map { distribution(in: $0) } }

    /// The mixture (1 − α) π_old + α π' of Kakade and Langford (2002), with `self` as π_old.
    ///
    /// - Precondition: both policies have the same shape and 0 ≤ α ≤ 1.
    public func mixed(with other: TabularPolicy, weight alpha: Double) -> TabularPolicy {
        precondition(other.stateCount == stateCount && other.actionCount == actionCount, "policy shapes differ")
        precondition(alpha >= 0 && alpha <= 1, "the mixture weight must lie in [0, 1]")
        var mixture = probabilities
        for index in mixture.indices {
            mixture[index] = (1 - alpha) * probabilities[index] + alpha * other.probabilities[index]
        }
        return TabularPolicy(unchecked: mixture, stateCount: stateCount, actionCount: actionCount)
    }

    /// Checks that this policy fits `mdp` (same S and A).
    public func validate(for mdp: FiniteMDP) throws(FiniteMDPError) {
        guard stateCount == mdp.stateCount, actionCount == mdp.actionCount else {
            throw .policyShapeMismatch(
                expectedStates: mdp.stateCount, expectedActions: mdp.actionCount,
                foundStates: stateCount, foundActions: actionCount)
        }
    }
}
