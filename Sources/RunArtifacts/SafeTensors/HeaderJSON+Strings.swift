// MARK: - String literals

extension HeaderJSON.Parser {
    /// Parses a string literal starting at its opening quote, decoding escapes and surrogate pairs.
    mutating func parseString() throws(HeaderJSON.SyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flushRun(_ end: Int, into scalars: inout String.UnicodeScalarView) {
            if end > runStart { scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars) }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                flushRun(position, into: &scalars)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character inside a string") }
            if byte != UInt8(ascii: "\\") { position += 1; continue }
            flushRun(position, into: &scalars)
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try parseUnicodeEscape())
            default:
                position -= 1
                throw error("invalid escape sequence")
            }
            runStart = position
        }
        throw error("unterminated string")
    }

    /// Parses the hex digits after `\u`, combining a UTF-16 surrogate pair when one follows.
    mutating func parseUnicodeEscape() throws(HeaderJSON.SyntaxError) -> Unicode.Scalar {
        let first = try parseHexQuad()
        var value = UInt32(first)
        if (0xD800..<0xDC00).contains(first) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("unpaired UTF-16 surrogate") }
            position += 2
            let second = try parseHexQuad()
            guard (0xDC00..<0xE000).contains(second) else { throw error("unpaired UTF-16 surrogate") }
            value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("unpaired UTF-16 surrogate") }
        return scalar
    }

    /// Parses four hexadecimal digits.
    mutating func parseHexQuad() throws(HeaderJSON.SyntaxError) -> UInt16 {
        guard position + 4 <= bytes.count,
              bytes[position..<position + 4].allSatisfy({ $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit }),
              let value = UInt16(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("invalid \\u escape") }
        position += 4
        return value
    }
}
