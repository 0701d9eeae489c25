import Testing
@testable import DenseLinearAlgebra

/// Floats holding bytes become those bytes, and anything else is reported, as Swift's check
/// (`0 ≤ x ≤ 255` and whole) and `UInt8(x)` would do it.
@Suite struct ByteConversionTests {
    func convert(_ values: [Float]) -> (exact: Bool, bytes: [UInt8]) {
        var bytes = [UInt8](repeating: 7, count: values.count)
        let exact = values.withUnsafeBufferPointer { source in
            bytes.withUnsafeMutableBufferPointer { ByteConversion.bytes(from: source, into: $0) }
        }
        return (exact, bytes)
    }

    @Test func wholeBytesConvertAndEverythingElseIsReported() {
        var stream = RandomStream(seed: 4)
        // Long enough for the vector loop and its tail; −0 is a byte (0), as `UInt8(-0.0)` is.
        let bytes = (0..<1_003).map { _ in UInt8(stream.nextInt(below: 256)) }
        var values = bytes.map(Float.init)
        values[17] = -0.0
        let converted = convert(values)
        #expect(converted.exact)
        #expect(converted.bytes == values.map { UInt8($0) })
        #expect(convert([0, 255, 1, 254]) == (true, [0, 255, 1, 254]))
        let rejected: [Float] = [
            -1, 256, 255.5, 0.5, 3.000_000_2, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude,
            -.leastNonzeroMagnitude, 1e9, -1e-30,
        ]
        for value in rejected {
            // At every position of a vector and in the tail.
            for position in [0, 5, 15, 16, 31, 40] {
                var row = [Float](repeating: 9, count: 41)
                row[position] = value
                let swiftSays = value >= 0 && value <= 255 && value.rounded(.towardZero) == value
                #expect(!swiftSays && !convert(row).exact, "\(value) at \(position)")
            }
        }
        #expect(convert([]).exact)
    }
}
