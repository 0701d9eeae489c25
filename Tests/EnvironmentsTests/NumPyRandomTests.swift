import Environments
import Testing

/// Parses a decimal string of up to 128 bits into (high, low) words.
private func words128(_ text: String) -> (high: UInt64, low: UInt64) {
    var high: UInt64 = 0
    var low: UInt64 = 0
    for character in text {
        let digit = UInt64(character.wholeNumberValue ?? 0)
        // (high, low) ← 10 · (high, low) + digit
        let lowProduct = low.multipliedFullWidth(by: 10)
        let (newLow, carry) = lowProduct.low.addingReportingOverflow(digit)
        high = high &* 10 &+ lowProduct.high &+ (carry ? 1 : 0)
        low = newLow
    }
    return (high, low)
}

@Suite("NumPy's SeedSequence, PCG64 and Generator, against numpy 2.4.6")
struct NumPyRandomTests {
    let fixture: NumPyRandomFixture

    init() throws { fixture = try loadFixture("numpy_random.json", as: NumPyRandomFixture.self) }

    @Test func seedSequencePoolAndStateWordsAreExact() throws {
        for testCase in fixture.cases {
            let seed = try #require(UInt64(testCase.seed))
            let sequence = SeedSequence(seed: seed)
            #expect(sequence.pool == testCase.pool, "seed \(seed)")
            #expect(sequence.generateState(count: 8) == testCase.stateWordsUint32, "seed \(seed)")
        }
    }

    @Test func pcg64StateIsExact() throws {
        for testCase in fixture.cases {
            let seed = try #require(UInt64(testCase.seed))
            let words = NumPyRandomGenerator(seed: seed).stateWords
            let state = words128(testCase.pcgState)
            let increment = words128(testCase.pcgIncrement)
            #expect(words == [state.high, state.low, increment.high, increment.low], "seed \(seed)")
        }
    }

    /// `random()` and `uniform()` are bit-exact: the same integer bits and the same float64 formula.
    @Test func generatorDrawsAreBitExact() throws {
        for testCase in fixture.cases {
            let seed = try #require(UInt64(testCase.seed))
            var generator = NumPyRandomGenerator(seed: seed)
            let draws = (0..<testCase.random.count).map { _ in generator.random() }
            #expect(draws == testCase.random, "seed \(seed)")
            let uniform = (0..<testCase.uniformAfter.count).map { _ in generator.uniform(low: -0.05, high: 0.05) }
            #expect(uniform == testCase.uniformAfter, "seed \(seed)")
        }
    }

    @Test func stateWordsRoundTrip() throws {
        var generator = NumPyRandomGenerator(seed: 7)
        _ = generator.random()
        var restored = try #require(NumPyRandomGenerator(stateWords: generator.stateWords))
        #expect(restored.random() == generator.random())
        #expect(NumPyRandomGenerator(stateWords: [1, 2, 3, 4]) == nil, "an even increment is not a PCG64 state")
    }
}
