import DenseLinearAlgebra

/// One violation of the environment contract found by `environmentProblems(_:)`.
public struct EnvironmentProblem: Sendable, Hashable, CustomStringConvertible {
    /// Which part of the contract is violated.
    public enum Kind: String, Sendable, Hashable {
        case malformedSpace, observationShape, observationOutOfBounds, nonFiniteValue
        case notReproducible, snapshotMismatch, threwError
    }

    /// Which part of the contract is violated.
    public var kind: Kind
    /// What was observed, naming the offending value.
    public var message: String

    /// A problem of `kind` described by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A readable message naming the offending input.
    public var description: String { "\(kind.rawValue): \(message)" }
}

/// The error thrown by `checkEnvironment` when any problem is found.
public struct EnvironmentCheckFailure: Error, Sendable, CustomStringConvertible {
    /// Every problem found.
    public var problems: [EnvironmentProblem]

    /// A readable message naming the offending input.
    public var description: String {
        "environment check failed:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Validates a user's environment (as SB3's `check_env`) and throws `EnvironmentCheckFailure`
/// listing every problem; see `environmentProblems(_:seed:steps:)` for what is checked.
public func checkEnvironment(_ environment: any Environment, seed: UInt64 = 0, steps: Int = 200) throws {
    let problems = environmentProblems(environment, seed: seed, steps: steps)
    if !problems.isEmpty { throw EnvironmentCheckFailure(problems: problems) }
}

/// The problems of an environment, empty when it honours the contract.
///
/// Checks that both spaces are well formed; that reset and step observations have the space's
/// length, finite values, and lie in the observation space; that rewards are finite; that
/// `reset(seed:)` with the same seed and the same actions reproduces the trajectory; and that
/// `restore(snapshot())` followed by the same actions replays identical transitions (across
/// episode ends, so the random stream must be in the snapshot). Actions are drawn uniformly from
/// the action space with a stream seeded by `seed`; the environment is stepped about `3 × steps` times.
public func environmentProblems(_ environment: any Environment, seed: UInt64 = 0, steps: Int = 200)
    -> [EnvironmentProblem]
{
    var problems =
        (environment.observationSpace.malformations.map { "observation space: \($0)" }
        + environment.actionSpace.malformations.map { "action space: \($0)" })
        .map { EnvironmentProblem(.malformedSpace, $0) }
    guard problems.isEmpty else { return problems }
    var checker = TrajectoryChecker(environment: environment, seed: seed, steps: Swift.max(2, steps))
    do {
        let first = try checker.record(checkingValues: true)
        problems += checker.problems
        let second = try checker.record(checkingValues: false)
        if let difference = first.firstDifference(from: second) {
            problems.append(
                EnvironmentProblem(
                    .notReproducible, "reset(seed: \(seed)) with the same actions diverged at \(difference)"))
        }
        problems += try checker.checkSnapshotReplay()
    } catch {
        problems.append(EnvironmentProblem(.threwError, "the environment threw: \(error)"))
    }
    return problems
}
