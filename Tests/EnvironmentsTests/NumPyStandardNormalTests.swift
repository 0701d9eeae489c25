import Environments
import Testing

/// `numpy_standard_normal.json` (scripts/generate_ziggurat_tables.py, numpy 2.4.6).
private struct StandardNormalFixture: Decodable {
    struct Case: Decodable {
        var seed: UInt64
        var head: [String]
        var mixed: [String]
        var bulkCount: Int
        var bulkFNV1a: String
        var bulkMaximumMagnitude: String
    }
    var numpy: String
    var cases: [Case]
}

private func doubles(_ hex: [String]) throws -> [Double] {
    try hex.map { try #require(Double($0), "not a hexadecimal double: \($0)") }
}

/// FNV-1a over the little-endian bytes of each double, as the generator script computes it.
private func fnv1a(_ values: [Double]) -> UInt64 {
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for value in values {
        var bits = value.bitPattern
        for _ in 0..<8 {
            digest = (digest ^ (bits & 0xff)) &* 0x100_0000_01b3
            bits >>= 8
        }
    }
    return digest
}

@Suite("NumPy's Generator.standard_normal (ziggurat), against numpy 2.4.6")
struct NumPyStandardNormalTests {
    private let fixture: StandardNormalFixture

    init() throws { fixture = try loadFixture("numpy_standard_normal.json", as: StandardNormalFixture.self) }

    /// The first 64 draws of each seed, bit for bit.
    @Test func firstDrawsAreBitExact() throws {
        #expect(fixture.cases.count == 4)
        for testCase in fixture.cases {
            var generator = NumPyRandomGenerator(seed: testCase.seed)
            let draws = (0..<testCase.head.count).map { _ in generator.standardNormal() }
            #expect(draws == (try doubles(testCase.head)), "seed \(testCase.seed)")
        }
    }

    /// Uniform and normal draws interleaved (as MuJoCo resets draw them) share one stream.
    @Test func interleavedWithUniformDrawsIsBitExact() throws {
        for testCase in fixture.cases {
            var generator = NumPyRandomGenerator(seed: testCase.seed)
            for _ in 0..<64 { _ = generator.standardNormal() }
            var draws: [Double] = []
            for _ in 0..<(testCase.mixed.count / 2) {
                draws.append(generator.uniform(low: -0.1, high: 0.1))
                draws.append(generator.standardNormal())
            }
            #expect(draws == (try doubles(testCase.mixed)), "seed \(testCase.seed)")
        }
    }

    /// 200,000 draws per seed hash to NumPy's: every layer, the wedge rejections and the tail
    /// (beyond r = 3.654, about 0.03% of draws) are exercised and must agree to the bit.
    @Test func bulkDrawsHashToNumPys() throws {
        for testCase in fixture.cases {
            var generator = NumPyRandomGenerator(seed: testCase.seed)
            for _ in 0..<64 { _ = generator.standardNormal() }
            for _ in 0..<(testCase.mixed.count / 2) {
                _ = generator.uniform(low: -0.1, high: 0.1)
                _ = generator.standardNormal()
            }
            let bulk = (0..<testCase.bulkCount).map { _ in generator.standardNormal() }
            #expect(String(fnv1a(bulk)) == testCase.bulkFNV1a, "seed \(testCase.seed)")
            let largest = bulk.map(abs).max() ?? 0
            #expect(largest == (try #require(Double(testCase.bulkMaximumMagnitude))), "seed \(testCase.seed)")
            #expect(largest > ZigguratTailCheck.tailStart, "the tail branch was not exercised")
        }
    }

    /// The sample moments of 200,000 draws: mean 0 ± 0.01 and variance 1 ± 0.02 (about 4.5σ).
    @Test func momentsAreStandardNormal() {
        var generator = NumPyRandomGenerator(seed: 3)
        let draws = (0..<200_000).map { _ in generator.standardNormal() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.02)
    }

    /// A started `EpisodeRandomness` is `default_rng(seed)`.
    @Test func episodeRandomnessDrawsTheSameStream() {
        var randomness = EpisodeRandomness(seed: 11)
        var generator = NumPyRandomGenerator(seed: 11)
        #expect(randomness.isStarted)
        #expect(randomness.standardNormal() == generator.standardNormal())
        #expect(randomness.uniform(low: -1, high: 1) == generator.uniform(low: -1, high: 1))
    }
}

private enum ZigguratTailCheck {
    static let tailStart = 3.6541528853610088
}
