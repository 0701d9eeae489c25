/// Why a finite MDP, a tabular policy or a theory computation was rejected.
///
/// Every case names the offending input (which array, which index, which value) so that a user who
/// wrote a JSON file by hand can find the mistake.
public enum FiniteMDPError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A count that must be positive was not (`what` names it).
    case emptyDimension(what: String, count: Int)
    /// An array had the wrong length: `path` (e.g. `P[2][1]`) holds `found` entries, `expected` wanted.
    case shapeMismatch(path: String, expected: Int, found: Int)
    /// An entry that must be finite was NaN or infinite.
    case notFinite(path: String, value: Double)
    /// A probability was below zero.
    case negativeProbability(path: String, value: Double)
    /// A probability row did not sum to 1 within `tolerance`.
    case rowDoesNotSumToOne(path: String, sum: Double, tolerance: Double)
    /// The discount γ was outside [0, 1).
    case discountOutOfRange(Double)
    /// A linear system (I − γ P_π) x = b was numerically singular at elimination step `pivot`.
    case singularSystem(pivot: Int)
    /// A policy's shape did not match the MDP's S × A.
    case policyShapeMismatch(expectedStates: Int, expectedActions: Int, foundStates: Int, foundActions: Int)
    /// A step parameter (δ, α, ...) was outside its valid range.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// The JSON document could not be read as an MDP (`reason` says why).
    case malformedJSON(reason: String)

    /// A one-line human-readable explanation naming the bad input.
    public var description: String {
        switch self {
        case .emptyDimension(let what, let count):
            return "\(what) must be at least 1, got \(count)"
        case .shapeMismatch(let path, let expected, let found):
            return "\(path) has \(found) entries, expected \(expected)"
        case .notFinite(let path, let value):
            return "\(path) = \(value) is not a finite number"
        case .negativeProbability(let path, let value):
            return "\(path) = \(value) is a negative probability"
        case .rowDoesNotSumToOne(let path, let sum, let tolerance):
            return "\(path) sums to \(sum), but a probability row must sum to 1 within \(tolerance)"
        case .discountOutOfRange(let gamma):
            return "gamma = \(gamma) must lie in [0, 1)"
        case .singularSystem(let pivot):
            return "the linear system is singular (zero pivot at column \(pivot))"
        case .policyShapeMismatch(let expectedStates, let expectedActions, let foundStates, let foundActions):
            return "policy is \(foundStates) x \(foundActions), but the MDP has \(expectedStates) states "
                + "and \(expectedActions) actions"
        case .invalidParameter(let name, let value, let requirement):
            return "\(name) = \(value) is invalid: \(requirement)"
        case .malformedJSON(let reason):
            return "malformed MDP JSON: \(reason)"
        }
    }
}

/// Tolerance on |Σ p − 1| for every probability row (transition rows, ρ0, policy rows).
public let probabilityRowTolerance = 1e-9

/// Checks that `row` is a probability vector of length `count`: finite, non-negative, summing to 1.
///
/// - Parameter path: how to name the row in an error, e.g. `P[3][0]`.
func validateProbabilityRow(_ row: [Double], count: Int, path: String) throws(FiniteMDPError) {
    guard row.count == count else {
        throw .shapeMismatch(path: path, expected: count, found: row.count)
    }
    var sum = 0.0
    for (index, value) in row.enumerated() {
        guard value.isFinite else { throw .notFinite(path: "\(path)[\(index)]", value: value) }
        guard value >= 0 else { throw .negativeProbability(path: "\(path)[\(index)]", value: value) }
        sum += value
    }
    guard abs(sum - 1) <= probabilityRowTolerance else {
        throw .rowDoesNotSumToOne(path: path, sum: sum, tolerance: probabilityRowTolerance)
    }
}
