import Foundation

// MARK: - Standard normal draws, as NumPy's Generator makes them

extension NumPyRandomGenerator {
    /// A standard normal double (`Generator.standard_normal()`, float64): NumPy's 256-layer
    /// ziggurat (Marsaglia and Tsang 2000) on 64 random bits per attempt.
    ///
    /// One draw: the low 8 bits pick the layer `i`, the next bit the sign, the next 52 bits the
    /// magnitude `m`; `x = ±m · wi[i]` is returned when `m < ki[i]` (inside the layer's rectangle,
    /// 99.3% of draws). Otherwise layer 0 samples the tail beyond `r` (Marsaglia's exponential
    /// method), and the other layers accept `x` when a uniform point under the layer lies below
    /// the density `exp(−x²/2)`; a rejection starts over with new bits. The same operations and
    /// tables as `random_standard_normal` in NumPy, so the draws agree bit for bit.
    public mutating func standardNormal() -> Double {
        while true {
            var bits = nextUInt64()
            let layer = Int(bits & 0xff)
            bits >>= 8
            let negative = bits & 1 == 1
            let magnitude = (bits >> 1) & 0x000f_ffff_ffff_ffff
            var x = Double(magnitude) * ZigguratTables.wi[layer]
            if negative { x = -x }
            if magnitude < ZigguratTables.ki[layer] { return x }
            if layer == 0 {
                // The tail: x = r + ξ with ξ ~ Exp(r), accepted with probability exp(−ξ²/2);
                // 1 − U rather than U keeps log away from 0.
                while true {
                    let xx = -ZigguratTables.inverseTailStart * log1p(-random())
                    let yy = -log1p(-random())
                    if yy + yy > xx * xx {
                        let tail = ZigguratTables.tailStart + xx
                        return (magnitude >> 8) & 1 == 1 ? -tail : tail
                    }
                }
            }
            let height = (ZigguratTables.fi[layer - 1] - ZigguratTables.fi[layer]) * random() + ZigguratTables.fi[layer]
            if height < exp(-0.5 * x * x) { return x }
        }
    }
}

extension EpisodeRandomness {
    /// A started stream: the generator of `np.random.default_rng(seed)`, as after `reset(seed:)`.
    public init(seed: UInt64) {
        self.init()
        reseed(seed)
    }

    /// A draw of `np_random.standard_normal()`.
    public mutating func standardNormal() -> Double {
        generator.standardNormal()
    }
}
