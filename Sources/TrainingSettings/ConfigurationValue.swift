import PolicyOptimization

/// A setting's value as written in YAML, JSON or `--set key=value`, before it is typed.
public indirect enum ConfigurationValue: Sendable, Hashable {
    case bool(Bool)
    case integer(Int)
    case real(Double)
    case string(String)
    case list([ConfigurationValue])
    case mapping([String: ConfigurationValue])

    /// A short rendering for messages.
    public var description: String {
        switch self {
        case .bool(let value): return String(value)
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.keys.sorted().map { "\($0): \(pairs[$0]?.description ?? "")" }.joined(separator: ", ") + "}"
        }
    }
}

extension ConfigurationValue {
    /// The value as a Double, if it is a number (or a numeric string such as "1e-3").
    var realValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    /// The value as an Int, if it is an integral number (1e5 counts).
    var integerValue: Int? {
        switch self {
        case .integer(let value): return value
        case .real(let value) where value.rounded() == value && abs(value) < 1e15: return Int(value)
        // Int(exactly:): a string such as "1e300" is a whole number too large for Int, not a crash.
        case .string(let text): return Int(text) ?? Double(text).flatMap { Int(exactly: $0) }
        default: return nil
        }
    }

    /// The value as a Bool (true/false, or Python's True/False in strings).
    var boolValue: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }
}

// MARK: - JSON

extension ConfigurationValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let real = try? container.decode(Double.self) {
            self = .real(real)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([ConfigurationValue].self) {
            self = .list(list)
        } else if let mapping = try? container.decode([String: ConfigurationValue].self) {
            self = .mapping(mapping)
        } else if container.decodeNil() {
            self = .list([])
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a configuration value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .mapping(let value): try container.encode(value)
        }
    }
}
