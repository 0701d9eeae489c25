/// Little-endian packing of what participants exchange (step outcomes, snapshots, partial sums).
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int) { append(UInt64(bitPattern: Int64(value))) }

    mutating func append(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append(_ values: [Float]) {
        append(values.count)
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }  // the memory is the encoding
        #else
        bytes.append(contentsOf: Self.bytes(of: values))
        #endif
    }

    mutating func append(_ values: [UInt8]) {
        append(values.count)
        bytes.append(contentsOf: values)
    }

    mutating func append(_ text: String) { append(Array(text.utf8)) }

    /// The raw bytes of `values` (no length prefix).
    static func bytes(of values: [Float]) -> [UInt8] {
        #if _endian(little)
        return values.withUnsafeBytes { Array($0) }
        #else
        var result = [UInt8]()
        result.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { result.append(contentsOf: $0) } }
        return result
        #endif
    }
}

/// Reads what `ByteWriter` wrote; a short or malformed buffer throws.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw DistributedError.malformedMessage }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint64() throws -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return value
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }

    mutating func bool() throws -> Bool { try take(1).first == 1 }

    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    mutating func floats() throws -> [Float] { Self.floats(from: try take(4 * (try int()))) }

    mutating func byteArray() throws -> [UInt8] { Array(try take(try int())) }

    mutating func string() throws -> String { String(decoding: try byteArray(), as: UTF8.self) }

    /// The floats of raw bytes (no length prefix; a trailing partial float is ignored).
    static func floats(from bytes: [UInt8]) -> [Float] { floats(from: bytes[...]) }

    /// The floats of raw bytes (no length prefix; a trailing partial float is ignored).
    static func floats(from bytes: ArraySlice<UInt8>) -> [Float] {
        let count = bytes.count / 4
        #if _endian(little)
        // Copied as memory: the exchanges of block sums carry megabytes per iteration.
        return [Float](unsafeUninitializedCapacity: count) { floats, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(floats).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<(4 * count)]))
            }
            initialized = count
        }
        #else
        return (0..<count).map { index in
            var bits: UInt32 = 0
            for shift in 0..<4 { bits |= UInt32(bytes[bytes.startIndex + 4 * index + shift]) << (8 * UInt32(shift)) }
            return Float(bitPattern: bits)
        }
        #endif
    }
}
