/// A JSON value as the safetensors header needs it: objects keep their key order and duplicates,
/// numbers keep their text, so that validation can report exactly what is wrong.
///
/// Foundation's `JSONSerialization` silently keeps the last of two equal keys and turns large
/// integers into lossy doubles; a checkpoint reader must reject both, hence this small parser.
enum HeaderJSON: Equatable {
    case object([(key: String, value: HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    case number(String)
    case boolean(Bool)
    case null

    static func == (left: HeaderJSON, right: HeaderJSON) -> Bool {
        switch (left, right) {
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.boolean(a), .boolean(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// A short name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        }
    }

    /// The value as a non-negative integer, if it is a number written without fraction or exponent
    /// that fits in 64 bits.
    var unsignedInteger: UInt64? {
        guard case let .number(text) = self else { return nil }
        return UInt64(text)
    }
}

// MARK: - Writing

extension HeaderJSON {
    /// Appends `text` as a JSON string literal, escaping as serde_json (and so Python's safetensors) does.
    static func appendQuoted(_ text: String, to output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{08}": output.append("\\b")
            case "\u{0C}": output.append("\\f")
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }
}
