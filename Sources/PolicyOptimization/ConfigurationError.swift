/// A configuration that cannot be used: the message names the key and says why.
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownKey(String, known: [String])
    case invalidValue(key: String, value: String, expected: String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let known):
            return "unknown configuration key '\(key)'; known keys: \(known.joined(separator: ", "))"
        case .invalidValue(let key, let value, let expected):
            return "invalid value \(value) for '\(key)': expected \(expected)"
        case .unsupported(let message):
            return message
        }
    }
}
