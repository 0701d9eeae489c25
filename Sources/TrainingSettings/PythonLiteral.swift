import PolicyOptimization

/// A parser for the Python literals the RL Zoo writes inside YAML strings, such as
/// `"dict(net_arch=dict(pi=[64, 64], vf=[64, 64]), activation_fn=nn.ReLU, log_std_init=-2)"` or
/// `"{'norm_obs': True, 'norm_reward': False}"`.
///
/// Understands `dict(k=v, …)`, `{'k': v, …}`, lists and tuples, numbers, quoted strings,
/// True/False/None (None becomes an empty list) and dotted names such as `nn.ReLU` (as strings).
public struct PythonLiteral {
    private let characters: [Character]
    private var position = 0

    /// Parses `text` as one literal.
    public static func parse(_ text: String) throws -> ConfigurationValue {
        var parser = PythonLiteral(characters: Array(text))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == parser.characters.count else { throw parser.failure("unexpected text") }
        return value
    }

    private init(characters: [Character]) { self.characters = characters }

    private func failure(_ what: String) -> ConfigurationError {
        .invalidValue(
            key: "policy_kwargs", value: "\"\(String(characters))\"",
            expected: "a Python literal (\(what) at character \(position))")
    }

    private mutating func skipSpace() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private mutating func consume(_ character: Character) -> Bool {
        skipSpace()
        guard position < characters.count, characters[position] == character else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ character: Character) throws {
        guard consume(character) else { throw failure("expected '\(character)'") }
    }

    private mutating func value() throws -> ConfigurationValue {
        skipSpace()
        guard position < characters.count else { throw failure("unexpected end") }
        let character = characters[position]
        if character == "[" || character == "(" {
            position += 1
            return .list(try elements(closing: character == "[" ? "]" : ")"))
        }
        if character == "{" {
            position += 1
            var pairs: [String: ConfigurationValue] = [:]
            while !consume("}") {
                guard case .string(let key) = try value() else { throw failure("expected a string key") }
                try expect(":")
                pairs[key] = try value()
                if !consume(",") {
                    try expect("}")
                    break
                }
            }
            return .mapping(pairs)
        }
        if character == "'" || character == "\"" { return .string(try quoted(character)) }
        let word = token()
        guard !word.isEmpty else { throw failure("unexpected '\(character)'") }
        if word == "dict", consume("(") { return .mapping(try keywordArguments()) }
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .list([])
        default: break
        }
        if let integer = Int(word) { return .integer(integer) }
        if let real = Double(word) { return .real(real) }
        return .string(word)
    }

    private mutating func elements(closing: Character) throws -> [ConfigurationValue] {
        var result: [ConfigurationValue] = []
        while !consume(closing) {
            result.append(try value())
            if !consume(",") {
                try expect(closing)
                break
            }
        }
        return result
    }

    private mutating func keywordArguments() throws -> [String: ConfigurationValue] {
        var pairs: [String: ConfigurationValue] = [:]
        while !consume(")") {
            skipSpace()
            let key = token()
            guard !key.isEmpty else { throw failure("expected a keyword") }
            try expect("=")
            pairs[key] = try value()
            if !consume(",") {
                try expect(")")
                break
            }
        }
        return pairs
    }

    private mutating func quoted(_ quote: Character) throws -> String {
        position += 1
        var text = ""
        while position < characters.count, characters[position] != quote {
            text.append(characters[position])
            position += 1
        }
        guard position < characters.count else { throw failure("unterminated string") }
        position += 1
        return text
    }

    /// A run of name, number and sign characters (identifiers, dotted names, numbers).
    private mutating func token() -> String {
        skipSpace()
        var text = ""
        while position < characters.count {
            let character = characters[position]
            guard character.isLetter || character.isNumber || "_.-+".contains(character) else { break }
            text.append(character)
            position += 1
        }
        return text
    }
}
