/// An observation or action space, as Gymnasium's `spaces` (flattened to one dimension).
public enum Space: Sendable, Hashable, Codable {
    /// The integers 0..<count (Gymnasium `Discrete(n)`).
    case discrete(count: Int)
    /// A box of reals with per-coordinate bounds, possibly infinite (Gymnasium `Box`).
    case box(low: [Float], high: [Float])
    /// A vector of independent discrete choices, `counts[i]` options each (Gymnasium `MultiDiscrete`).
    case multiDiscrete(counts: [Int])

    /// The number of scalar coordinates of an element: 1 for discrete, the width otherwise.
    public var dimension: Int {
        switch self {
        case .discrete: return 1
        case .box(let low, _): return low.count
        case .multiDiscrete(let counts): return counts.count
        }
    }
}

/// An action handed to `Environment.step`.
public enum Action: Sendable, Hashable, Codable {
    /// An element of a `.discrete` space.
    case discrete(Int)
    /// An element of a `.box` space.
    case continuous([Float])
    /// An element of a `.multiDiscrete` space.
    case multiDiscrete([Int])
}
