/// Keyword arguments for an environment's constructor, Gymnasium's `gymnasium.make(id, **kwargs)`,
/// kept as the text the user gave (`reset_noise_scale=0.1`) and read by the environment.
///
/// An environment with arguments has its own registry id, the base id followed by the sorted
/// pairs: `Hopper-v5?exclude_current_positions_from_observation=false&reset_noise_scale=0.1`. That
/// id is what run directories record, so resuming or evaluating a run rebuilds the same variant.
public struct EnvironmentArguments: Sendable, Hashable, CustomStringConvertible {
    /// The values by key.
    public private(set) var values: [String: String]

    /// No arguments: the environment's defaults.
    public init() { values = [:] }

    /// The given values by key.
    public init(_ values: [String: String]) { self.values = values }

    /// Parses `key=value` items (a repeated command-line option, or one item of comma-free pairs);
    /// a key given twice keeps its last value.
    public init(parsing items: [String]) throws(EnvironmentArgumentError) {
        var values: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "=") else { throw .malformed(item: item) }
            let key = item[..<equals].trimmingSpaces, value = item[item.index(after: equals)...].trimmingSpaces
            guard !key.isEmpty, !value.isEmpty, !key.contains("&"), !value.contains("&") else {
                throw .malformed(item: item)
            }
            values[key] = value
        }
        self.values = values
    }

    /// Whether there are no arguments.
    public var isEmpty: Bool { values.isEmpty }

    /// `key=value` pairs sorted by key and joined by `&`.
    public var description: String { values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: "&") }

    /// The registry id of `baseID` built with these arguments (`baseID` itself when there are none).
    public func variantID(of baseID: String) -> String { isEmpty ? baseID : "\(baseID)?\(description)" }

    /// Splits a variant id into its base id and arguments; an id without `?` has no arguments.
    public static func split(variantID id: String) throws(EnvironmentArgumentError) -> (baseID: String, arguments: EnvironmentArguments) {
        guard let mark = id.firstIndex(of: "?") else { return (id, EnvironmentArguments()) }
        let items = id[id.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        return (String(id[..<mark]), try EnvironmentArguments(parsing: items))
    }

    /// The arguments with `other`'s values added, replacing those of the same keys.
    public func merging(_ other: EnvironmentArguments) -> EnvironmentArguments {
        EnvironmentArguments(values.merging(other.values) { $1 })
    }
}

/// A bad `--env-kwargs` item or value; the message names the key and what was expected.
public enum EnvironmentArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An item that is not `key=value`.
    case malformed(item: String)
    /// A value that does not parse as the argument's type.
    case invalidValue(environment: String, key: String, value: String, expected: String)
    /// Keys the environment does not take; `accepted` lists those it does.
    case unknownKeys(environment: String, keys: [String], accepted: [String])
    /// The environment takes no keyword arguments.
    case notConfigurable(environment: String)

    public var description: String {
        switch self {
        case .malformed(let item):
            return "environment argument \"\(item)\" is not key=value"
        case .invalidValue(let environment, let key, let value, let expected):
            return "\(environment): \(key)=\(value) is not \(expected)"
        case .unknownKeys(let environment, let keys, let accepted):
            return "\(environment) takes no argument \(keys.joined(separator: ", ")); it takes: \(accepted.joined(separator: ", "))"
        case .notConfigurable(let environment):
            return "\(environment) takes no keyword arguments"
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
