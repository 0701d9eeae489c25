/// A misuse of an environment or a broken environment contract, with a message naming the bad input.
public enum EnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `makeEnvironment` was given an id that is not registered.
    case unknownEnvironment(id: String, knownIds: [String])
    /// `register` was given an id that is already registered.
    case duplicateRegistration(id: String)
    /// An action of another kind than its space (e.g. `.continuous` for a `.discrete` space).
    case actionKindMismatch(action: Action, space: Space)
    /// An action with the wrong number of coordinates.
    case actionCountMismatch(expected: Int, actual: Int, space: Space)
    /// A discrete (or multi-discrete) choice outside `0..<count`.
    case discreteActionOutOfRange(value: Int, count: Int)
    /// A continuous action with a NaN or infinite coordinate.
    case nonFiniteAction(values: [Float])
    /// An observation with a NaN or infinite coordinate, from the environment named.
    case nonFiniteObservation(environment: String, values: [Float])
    /// A NaN or infinite reward, from the environment named.
    case nonFiniteReward(environment: String, reward: Double)
    /// An observation whose length differs from its space's dimension.
    case observationShapeMismatch(environment: String, expected: Int, actual: Int)
    /// `step` was called before the first `reset`.
    case stepBeforeReset(environment: String)
    /// `restore` was given a snapshot that this environment did not take.
    case invalidSnapshot(environment: String, reason: String)
    /// A vector environment was given the wrong number of actions.
    case vectorActionCountMismatch(expected: Int, actual: Int)
    /// A vector environment was configured with an impossible setting.
    case invalidConfiguration(String)

    /// A readable message naming the offending input.
    public var description: String {
        switch self {
        case .unknownEnvironment(let id, let knownIds):
            let hint = EnvironmentSuggestion.hint(for: id, knownIds: knownIds).map { " (\($0))" } ?? ""
            return "unknown environment id \"\(id)\"\(hint); known ids: \(knownIds.joined(separator: ", "))"
                + "; Gymnasium environments also run through Python as --env gym:ID"
        case .duplicateRegistration(let id):
            return "environment id \"\(id)\" is already registered"
        case .actionKindMismatch(let action, let space):
            return "action \(action) does not belong to the action space \(space.gymnasiumDescription)"
        case .actionCountMismatch(let expected, let actual, let space):
            return
                "action has \(actual) coordinates, but the action space \(space.gymnasiumDescription) has \(expected)"
        case .discreteActionOutOfRange(let value, let count):
            return "discrete action \(value) is outside 0..<\(count)"
        case .nonFiniteAction(let values):
            return "action \(values) has a NaN or infinite coordinate"
        case .nonFiniteObservation(let environment, let values):
            return "\(environment) returned an observation with a NaN or infinite coordinate: \(values)"
        case .nonFiniteReward(let environment, let reward):
            return "\(environment) returned a non-finite reward \(reward)"
        case .observationShapeMismatch(let environment, let expected, let actual):
            return "\(environment) returned an observation of \(actual) coordinates; its space has \(expected)"
        case .stepBeforeReset(let environment):
            return "\(environment): step(_:) called before reset(seed:)"
        case .invalidSnapshot(let environment, let reason):
            return "\(environment): cannot restore snapshot: \(reason)"
        case .vectorActionCountMismatch(let expected, let actual):
            return "vector environment of \(expected) copies was given \(actual) actions"
        case .invalidConfiguration(let message):
            return message
        }
    }
}
