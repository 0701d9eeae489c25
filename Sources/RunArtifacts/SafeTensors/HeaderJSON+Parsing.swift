// MARK: - Parsing

extension HeaderJSON {
    /// Why a header is not valid JSON, with the byte offset where parsing stopped.
    struct SyntaxError: Error, Equatable {
        /// What was expected or found.
        let message: String
        /// The offset into the header where the problem is.
        let offset: Int
    }

    /// Nesting deeper than this is rejected, so that hostile input cannot overflow the stack.
    static let maximumDepth = 32

    /// Parses exactly one JSON value from `bytes`, allowing surrounding whitespace (the header's
    /// space padding), and nothing else.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> HeaderJSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// A recursive-descent parser over UTF-8 bytes (RFC 8259).
    struct Parser {
        let bytes: [UInt8]
        var position = 0

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: position) }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func expect(_ literal: String) throws(SyntaxError) {
            for byte in literal.utf8 {
                guard position < bytes.count, bytes[position] == byte else { throw error("expected \"\(literal)\"") }
                position += 1
            }
        }

        mutating func parseValue(depth: Int) throws(SyntaxError) -> HeaderJSON {
            guard depth < HeaderJSON.maximumDepth else { throw error("nesting deeper than \(HeaderJSON.maximumDepth)") }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of header") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expect("true"); return .boolean(true)
            case UInt8(ascii: "f"): try expect("false"); return .boolean(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw error("unexpected character")
            }
        }

        mutating func parseObject(depth: Int) throws(SyntaxError) -> HeaderJSON {
            position += 1
            var members: [(key: String, value: HeaderJSON)] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key string") }
                let key = try parseString()
                skipWhitespace()
                try expect(":")
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw error("unterminated object") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw error("expected \",\" or \"}\"")
            }
        }

        mutating func parseArray(depth: Int) throws(SyntaxError) -> HeaderJSON {
            position += 1
            var elements: [HeaderJSON] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            while true {
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw error("unterminated array") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                throw error("expected \",\" or \"]\"")
            }
        }

        mutating func parseNumber() throws(SyntaxError) -> String {
            let start = position
            func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("malformed number") }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("malformed number") }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                    position += 1
                }
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("malformed number") }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }
}
