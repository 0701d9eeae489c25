/// Level-1 vector kernels on contiguous Float storage.
///
/// Reductions that decide a step (dot products in conjugate gradient, norms) accumulate in Double,
/// in a fixed order, so a result does not depend on how work was split.
public enum VectorOperations {
    /// Σ xᵢ yᵢ, accumulated in Double.
    @inlinable
    public static func dot(_ x: [Float], _ y: [Float]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        return x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in dot(xs, ys) }
        }
    }

    /// Σ xᵢ yᵢ over buffers, accumulated in Double in four interleaved partial sums.
    @inlinable
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        let count = Swift.min(x.count, y.count)
        var partial = SIMD4<Double>()
        var index = 0
        while index + 4 <= count {
            partial += SIMD4<Double>(
                Double(x[index]) * Double(y[index]), Double(x[index + 1]) * Double(y[index + 1]),
                Double(x[index + 2]) * Double(y[index + 2]), Double(x[index + 3]) * Double(y[index + 3]))
            index += 4
        }
        var sum = partial.sum()
        while index < count {
            sum += Double(x[index]) * Double(y[index])
            index += 1
        }
        return sum
    }

    /// ‖x‖₂, accumulated in Double.
    @inlinable
    public static func norm(_ x: [Float]) -> Double { dot(x, x).squareRoot() }

    /// y ← a·x + y.
    @inlinable
    public static func axpy(_ a: Float, _ x: [Float], _ y: inout [Float]) {
        precondition(x.count == y.count, "axpy: lengths differ")
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                for index in 0..<ys.count { ys[index] += a * xs[index] }
            }
        }
    }

    /// x ← a·x.
    @inlinable
    public static func scale(_ x: inout [Float], by a: Float) {
        x.withUnsafeMutableBufferPointer { xs in
            for index in 0..<xs.count { xs[index] *= a }
        }
    }

    /// Whether every element is finite.
    ///
    /// An element is NaN or ±∞ iff its magnitude's bits reach the all-ones exponent, so this is a
    /// max reduction over the magnitudes' bits, which the compiler vectorizes (a test per element
    /// does not vectorize: ~10 µs on an 84×84×4 frame stack, checked at every Atari step).
    @inlinable
    public static func allFinite(_ x: [Float]) -> Bool {
        x.withUnsafeBufferPointer { xs in
            var largestMagnitude: UInt32 = 0
            for value in xs { largestMagnitude = Swift.max(largestMagnitude, value.bitPattern & 0x7FFF_FFFF) }
            return largestMagnitude < 0x7F80_0000
        }
    }
}
