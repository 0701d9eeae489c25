import DenseLinearAlgebra
import Foundation

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
