import DenseLinearAlgebra
import Foundation

/// An observation or action space, as Gymnasium's `spaces` (flattened to one dimension).
public enum Space: Sendable, Hashable, Codable {
    /// The integers 0..<count (Gymnasium `Discrete(n)`).
    case discrete(count: Int)
    /// A box of reals with per-coordinate bounds, possibly infinite (Gymnasium `Box`).
    case box(low: [Float], high: [Float])
    /// A vector of independent discrete choices, `counts[i]` options each (Gymnasium `MultiDiscrete`).
    case multiDiscrete(counts: [Int])
    /// `count` independent binary choices, each 0 or 1 (Gymnasium `MultiBinary(n)`).
    case multiBinary(count: Int)

    /// The number of scalar coordinates of an element: 1 for discrete, the width otherwise.
    public var dimension: Int {
        switch self {
        case .discrete: return 1
        case .box(let low, _): return low.count
        case .multiDiscrete(let counts): return counts.count
        case .multiBinary(let count): return count
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
    /// An element of a `.multiBinary` space: one 0 or 1 per coordinate.
    case multiBinary([Int])
}

// MARK: - Uniform sampling (Gymnasium's `space.sample()` distributions, from our own stream)

extension Space {
    /// A random element of this space drawn from `stream`, as an action.
    ///
    /// The distributions are Gymnasium's `sample()`: uniform over a discrete set or a bounded box
    /// coordinate; standard normal on a coordinate unbounded both ways; a shifted exponential on a
    /// half-bounded one. The bits come from `RandomStream`, not NumPy, so draws differ from Gymnasium's.
    public func sample(using stream: inout RandomStream) -> Action {
        switch self {
        case .discrete(let count):
            return .discrete(stream.nextInt(below: count))
        case .multiDiscrete(let counts):
            return .multiDiscrete(counts.map { stream.nextInt(below: $0) })
        case .multiBinary(let count):
            return .multiBinary((0..<count).map { _ in stream.nextInt(below: 2) })
        case .box(let low, let high):
            var values = [Float](repeating: 0, count: low.count)
            for index in low.indices {
                let (lower, upper) = (Double(low[index]), Double(high[index]))
                let value: Double
                switch (lower.isFinite, upper.isFinite) {
                case (true, true): value = stream.nextUniform(low: lower, high: upper)
                case (false, false): value = stream.nextNormal()
                case (true, false): value = lower - log(1 - stream.nextUniform())
                case (false, true): value = upper + log(1 - stream.nextUniform())
                }
                // Rounding to Float can reach the upper bound; clamp so the draw stays in the box.
                values[index] = Swift.min(Swift.max(Float(value), low[index]), high[index])
            }
            return .continuous(values)
        }
    }
}
