import Foundation

/// Escaping and number formatting for SVG (XML 1.0) output.
enum SVGText {
    /// `text` safe inside XML character data and double- or single-quoted attributes.
    ///
    /// Markup characters become entities; characters XML 1.0 forbids (control characters other
    /// than tab and line breaks, U+FFFE, U+FFFF) are dropped, since no escape can represent them.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case let forbidden where forbidden.value < 0x20 || forbidden.value == 0xFFFE || forbidden.value == 0xFFFF:
                continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A coordinate with two decimals and no trailing zeros (`12.5`, `300`).
    static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// An estimate of the rendered width of `text` in a sans-serif font of `fontSize` pixels, for layout.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.58
    }
}
