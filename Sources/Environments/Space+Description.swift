// MARK: - Gymnasium-style descriptions and JSON

extension Space {
    /// The space as Gymnasium prints it: `Discrete(2)`, `Box(-2.0, 2.0, (1,), float32)`,
    /// `Box([-4.8 -inf ...], [4.8 inf ...], (4,), float32)`, `MultiDiscrete([3 3])`.
    public var gymnasiumDescription: String {
        switch self {
        case .discrete(let count):
            return "Discrete(\(count))"
        case .box(let low, let high):
            return "Box(\(Space.boundDescription(low)), \(Space.boundDescription(high)), (\(low.count),), float32)"
        case .multiDiscrete(let counts):
            return "MultiDiscrete([\(counts.map(String.init).joined(separator: " "))])"
        case .multiBinary(let count):
            return "MultiBinary(\(count))"
        }
    }

    /// A scalar when every coordinate shares the bound (as Gymnasium prints it), a list otherwise.
    private static func boundDescription(_ bounds: [Float]) -> String {
        if let first = bounds.first, bounds.allSatisfy({ $0 == first }) { return numberText(first) }
        return "[" + bounds.map(numberText).joined(separator: " ") + "]"
    }

    private static func numberText(_ value: Float) -> String {
        value.isInfinite ? (value < 0 ? "-inf" : "inf") : value.description
    }

    /// The space as one JSON object, e.g. `{"type":"Box","shape":[1],"low":[-2.0],"high":[2.0]}`.
    ///
    /// Infinite bounds are written as the strings `"inf"` and `"-inf"` (JSON has no infinity).
    public var jsonDescription: String {
        switch self {
        case .discrete(let count):
            return "{\"type\":\"Discrete\",\"n\":\(count)}"
        case .box(let low, let high):
            return "{\"type\":\"Box\",\"shape\":[\(low.count)],"
                + "\"low\":\(Space.jsonArray(low)),\"high\":\(Space.jsonArray(high))}"
        case .multiDiscrete(let counts):
            return "{\"type\":\"MultiDiscrete\",\"nvec\":[\(counts.map(String.init).joined(separator: ","))]}"
        case .multiBinary(let count):
            return "{\"type\":\"MultiBinary\",\"n\":\(count)}"
        }
    }

    private static func jsonArray(_ values: [Float]) -> String {
        "[" + values.map { $0.isInfinite ? "\"\(numberText($0))\"" : $0.description }.joined(separator: ",") + "]"
    }
}

// MARK: - Actions as JSON

extension Action {
    /// The action as JSON: a number for `.discrete`, an array of numbers otherwise.
    ///
    /// Numbers use Swift's `description`, the shortest text that parses back to the same value
    /// (finite values only: an action that passed `Space.validate` is finite).
    public var jsonDescription: String {
        switch self {
        case .discrete(let value): return String(value)
        case .continuous(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .multiDiscrete(let values), .multiBinary(let values):
            return "[" + values.map(String.init).joined(separator: ", ") + "]"
        }
    }
}
