import RealModule

/// A seeded, portable pseudo-random stream: xoshiro256** keyed by SplitMix64 from (seed, stream id).
///
/// The generator is Blackman and Vigna's xoshiro256** (2018). Its 256-bit state is filled by
/// SplitMix64 from a key that mixes the seed and a stream identifier, so `RandomStream(seed: s,
/// stream: k)` for different `k` gives statistically independent sequences (each environment copy,
/// each vine branch, the policy's sampler get their own). Only integer arithmetic is used to produce
/// bits, and floating-point conversions are exact, so the same seed gives the same numbers on every
/// machine and every thread count.
public struct RandomStream: Sendable, Hashable, Codable {
    // The four 64-bit words of xoshiro256**'s state.
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// The four 64-bit words of xoshiro256**'s state, for saving; `init?(state:)` restores them.
    public var state: [UInt64] { [s0, s1, s2, s3] }
    /// The second normal deviate of the last Box–Muller pair, kept so no deviate is wasted.
    public internal(set) var spareNormal: Double?

    /// Creates the stream `stream` of the family `seed`.
    public init(seed: UInt64, stream: UInt64 = 0) {
        // Two rounds of mixing so that (seed, stream) and (seed', stream') collide only if equal.
        var key = RandomStream.splitMix(seed &+ 0x9E37_79B9_7F4A_7C15)
        key ^= RandomStream.splitMix(stream &+ 0xD1B5_4A32_D192_ED03)
        var splitState = key
        var words = [UInt64](repeating: 0, count: 4)
        for index in 0..<4 {
            splitState &+= 0x9E37_79B9_7F4A_7C15
            words[index] = RandomStream.splitMix(splitState)
        }
        if words.allSatisfy({ $0 == 0 }) { words[0] = 1 }  // xoshiro's only forbidden state
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
        spareNormal = nil
    }

    /// Restores a stream from saved state words (e.g. from a checkpoint).
    ///
    /// Returns `nil` unless there are exactly four words, not all zero.
    public init?(state: [UInt64], spareNormal: Double? = nil) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
        self.spareNormal = spareNormal
    }

    /// A new independent stream derived from this one's current state and `stream`.
    ///
    /// Does not advance `self`; two calls with the same id give the same stream.
    public func substream(_ stream: UInt64) -> RandomStream {
        RandomStream(seed: s0 ^ (s1 &<< 1) ^ (s2 &<< 2) ^ (s3 &<< 3), stream: stream)
    }

    /// The SplitMix64 finaliser (Steele, Lea and Flood 2014).
    @inlinable
    static func splitMix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable
    static func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value &<< count) | (value &>> (64 &- count))
    }

    /// The next 64 uniformly distributed bits.
    @inlinable
    public mutating func nextUInt64() -> UInt64 {
        let result = RandomStream.rotateLeft(s1 &* 5, 7) &* 9
        let shifted = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = RandomStream.rotateLeft(s3, 45)
        return result
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(nextUInt64() >> 11) * 0x1.0p-53
    }

    /// A uniform Double in [low, high).
    @inlinable
    public mutating func nextUniform(low: Double, high: Double) -> Double {
        low + (high - low) * nextUniform()
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    @inlinable
    public mutating func nextUniformFloat() -> Float {
        Float(nextUInt64() >> 40) * 0x1.0p-24
    }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = nextUInt64().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = nextUInt64().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal deviate, by the Box–Muller transform (pairs; the spare is kept).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let radius = (-2.0 * Double.log(1.0 - nextUniform())).squareRoot()
        let angle = 2.0 * Double.pi * nextUniform()
        spareNormal = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }

    /// A normal deviate with the given mean and standard deviation.
    public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextNormal()
    }
}
