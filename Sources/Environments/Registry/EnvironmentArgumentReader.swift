/// Reads an environment's keyword arguments into typed settings, as a constructor's parameter
/// list does, and rejects the keys no parameter took.
///
/// Values are written as in Python: numbers (`1e-3`, `inf`), booleans (`True`, `false`, `1`),
/// pairs (`(0.7, inf)`, `[0.8, 2.0]` or `0.8,2.0`).
public struct EnvironmentArgumentReader {
    /// The environment named in messages.
    public let environment: String
    private var remaining: [String: String]
    private var accepted: [String] = []

    /// A reader of `arguments` for the environment called `environment`.
    public init(environment: String, arguments: EnvironmentArguments) {
        self.environment = environment
        remaining = arguments.values
    }

    /// Overwrites `value` with the float argument `key`, if given.
    public mutating func read(_ key: String, into value: inout Double) throws(EnvironmentArgumentError) {
        guard let text = take(key) else { return }
        guard let parsed = Self.number(text) else { throw invalid(key, text, "a number") }
        value = parsed
    }

    /// Overwrites `value` with the integer argument `key`, if given.
    public mutating func read(_ key: String, into value: inout Int) throws(EnvironmentArgumentError) {
        guard let text = take(key) else { return }
        guard let parsed = Int(text) else { throw invalid(key, text, "an integer") }
        value = parsed
    }

    /// Overwrites `value` with the boolean argument `key`, if given.
    public mutating func read(_ key: String, into value: inout Bool) throws(EnvironmentArgumentError) {
        guard let text = take(key) else { return }
        switch text.lowercased() {
        case "true", "1": value = true
        case "false", "0": value = false
        default: throw invalid(key, text, "a boolean (True or False)")
        }
    }

    /// Overwrites `value` with the pair argument `key`, if given.
    public mutating func read(_ key: String, into value: inout (Double, Double)) throws(EnvironmentArgumentError) {
        guard let text = take(key) else { return }
        var inner = Substring(text)
        if let first = inner.first, let last = inner.last, (first == "(" && last == ")") || (first == "[" && last == "]") {
            inner = inner.dropFirst().dropLast()
        }
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false).compactMap { Self.number(String($0)) }
        guard parts.count == 2 else { throw invalid(key, text, "a pair of numbers, e.g. (0.7, inf)") }
        value = (parts[0], parts[1])
    }

    /// Throws `unknownKeys` if an argument was not read by any `read` call.
    public func finish() throws(EnvironmentArgumentError) {
        guard remaining.isEmpty else {
            throw .unknownKeys(environment: environment, keys: remaining.keys.sorted(), accepted: accepted.sorted())
        }
    }

    private mutating func take(_ key: String) -> String? {
        accepted.append(key)
        return remaining.removeValue(forKey: key)
    }

    private func invalid(_ key: String, _ text: String, _ expected: String) -> EnvironmentArgumentError {
        .invalidValue(environment: environment, key: key, value: text, expected: expected)
    }

    /// A Python float literal: decimal or `inf`, `-inf`, `float('inf')`, `np.inf` (spaces ignored).
    static func number(_ text: String) -> Double? {
        var cleaned = text.filter { $0 != " " }
        for (prefix, suffix) in [("float(\"", "\")"), ("float('", "')")] where cleaned.hasPrefix(prefix) && cleaned.hasSuffix(suffix) {
            cleaned = String(cleaned.dropFirst(prefix.count).dropLast(suffix.count))
        }
        if cleaned.hasSuffix("np.inf") { cleaned = String(cleaned.dropLast(6)) + "inf" }
        guard let value = Double(cleaned), !value.isNaN else { return nil }
        return value
    }
}
