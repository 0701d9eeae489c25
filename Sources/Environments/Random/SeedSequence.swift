/// NumPy's `SeedSequence`: turns a user's seed into well-mixed state words for a bit generator.
///
/// Melissa O'Neill's `seed_seq` design as NumPy implements it (`numpy/random/bit_generator.pyx`):
/// the entropy (the seed split into 32-bit words, least significant first) is hashed into a pool of
/// four 32-bit words, and `generateState` draws any number of words from that pool. Reproduced
/// here so that `reset(seed: s)` gives exactly Gymnasium's `np.random.default_rng(s)` stream.
public struct SeedSequence: Sendable, Hashable {
    /// The mixed entropy pool (NumPy's `SeedSequence.pool`, `DEFAULT_POOL_SIZE` = 4 words).
    public private(set) var pool: [UInt32]

    // Hashing constants of NumPy's SeedSequence (O'Neill's seed_seq).
    static let initialA: UInt32 = 0x43b0_d7e5
    static let multiplierA: UInt32 = 0x931e_8875
    static let initialB: UInt32 = 0x8b51_f9dd
    static let multiplierB: UInt32 = 0x58f3_8ded
    static let mixMultiplierLeft: UInt32 = 0xca01_f9dd
    static let mixMultiplierRight: UInt32 = 0x4973_f715
    static let shift: UInt32 = 16
    static let poolSize = 4

    /// The sequence of a non-negative integer seed, as `np.random.SeedSequence(seed)`.
    public init(seed: UInt64) {
        let low = UInt32(truncatingIfNeeded: seed)
        let high = UInt32(truncatingIfNeeded: seed >> 32)
        self.init(entropy: high == 0 ? [low] : [low, high])
    }

    /// The sequence of an entropy given as 32-bit words, least significant first.
    public init(entropy: [UInt32]) {
        var mixer = [UInt32](repeating: 0, count: SeedSequence.poolSize)
        var hashConstant = SeedSequence.initialA
        for index in 0..<mixer.count {
            let word = index < entropy.count ? entropy[index] : 0
            mixer[index] = SeedSequence.hashMix(word, &hashConstant)
        }
        for source in 0..<mixer.count {
            for destination in 0..<mixer.count where source != destination {
                mixer[destination] = SeedSequence.mix(
                    mixer[destination], SeedSequence.hashMix(mixer[source], &hashConstant))
            }
        }
        if entropy.count > mixer.count {
            for source in mixer.count..<entropy.count {
                for destination in 0..<mixer.count {
                    mixer[destination] = SeedSequence.mix(
                        mixer[destination], SeedSequence.hashMix(entropy[source], &hashConstant))
                }
            }
        }
        pool = mixer
    }

    /// `count` 32-bit state words (NumPy's `generate_state(count, np.uint32)`).
    public func generateState(count: Int) -> [UInt32] {
        var hashConstant = SeedSequence.initialB
        var words = [UInt32](repeating: 0, count: count)
        for index in 0..<count {
            var value = pool[index % pool.count]
            value ^= hashConstant
            hashConstant = hashConstant &* SeedSequence.multiplierB
            value = value &* hashConstant
            value ^= value >> SeedSequence.shift
            words[index] = value
        }
        return words
    }

    /// `count` 64-bit state words (NumPy's `generate_state(count, np.uint64)`: pairs, low word first).
    public func generateState64(count: Int) -> [UInt64] {
        let words = generateState(count: 2 * count)
        return (0..<count).map { UInt64(words[2 * $0]) | (UInt64(words[2 * $0 + 1]) << 32) }
    }

    static func hashMix(_ value: UInt32, _ hashConstant: inout UInt32) -> UInt32 {
        var result = value ^ hashConstant
        hashConstant = hashConstant &* multiplierA
        result = result &* hashConstant
        return result ^ (result >> shift)
    }

    static func mix(_ left: UInt32, _ right: UInt32) -> UInt32 {
        let result = mixMultiplierLeft &* left &- mixMultiplierRight &* right
        return result ^ (result >> shift)
    }
}
