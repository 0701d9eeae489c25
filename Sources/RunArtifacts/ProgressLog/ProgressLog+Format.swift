// MARK: - Number formatting

extension ProgressLog {
    /// The cell text of a value: empty for `nil`, `nan`, `inf`/`-inf`, integers without a fraction
    /// (`2048`), anything else in Swift's shortest round-trip form (`0.1`, `1e-05`).
    ///
    /// `Double(text)` gives back exactly the same value, and Python's `float()`, pandas and NumPy
    /// read every form.
    public static func format(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "nan" }
        // Whole numbers below 2^53 print as integers: timesteps and counts read naturally.
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992, !(value == 0 && value.sign == .minus) {
            return String(Int64(value))
        }
        return value.description
    }

    /// The value of a cell: `.some(nil)` for an empty cell, `nil` if the text is not a number.
    static func parseCell(_ text: Substring) -> Double?? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .some(nil) }
        switch trimmed.lowercased() {
        case "nan": return .some(.nan)
        case "inf", "+inf", "infinity": return .some(.infinity)
        case "-inf", "-infinity": return .some(-.infinity)
        default: return Double(trimmed).map { .some($0) } ?? nil
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
