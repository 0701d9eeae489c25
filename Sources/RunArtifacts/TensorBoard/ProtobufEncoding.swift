/// The few protocol-buffer wire rules TensorBoard's `Event` needs, written by hand.
///
/// Why not swift-protobuf: its runtime would build fast, but the message types have to be generated
/// from TensorFlow's `.proto` files with its plugin (about 10 minutes to build) and committed; six
/// messages with eleven fields are shorter to write than to generate, and need no dependency.
struct ProtobufMessage {
    /// The encoded fields, in the order written.
    private(set) var bytes: [UInt8] = []

    /// A base-128 varint (little-endian groups of 7 bits, high bit = more).
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes
    }

    private mutating func key(_ field: Int, wireType: UInt64) {
        bytes += Self.varint(UInt64(field) << 3 | wireType)
    }

    /// An `int64` or enum field (wire type 0).
    mutating func integer(_ field: Int, _ value: Int64) {
        key(field, wireType: 0)
        bytes += Self.varint(UInt64(bitPattern: value))
    }

    /// A `double` field (wire type 1).
    mutating func double(_ field: Int, _ value: Double) {
        key(field, wireType: 1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    /// A `float` field (wire type 5).
    mutating func float(_ field: Int, _ value: Float) {
        key(field, wireType: 5)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    /// A `bytes`, `string` or embedded-message field (wire type 2).
    mutating func lengthDelimited(_ field: Int, _ value: [UInt8]) {
        key(field, wireType: 2)
        bytes += Self.varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) { lengthDelimited(field, Array(value.utf8)) }
    mutating func message(_ field: Int, _ value: ProtobufMessage) { lengthDelimited(field, value.bytes) }
}

// MARK: - Reading back the one field a resumed run needs

extension ProtobufMessage {
    /// The value of the top-level varint field `field` of an encoded message, if present.
    ///
    /// Skips every other field by its wire type; nil on malformed input.
    static func varintField(_ field: Int, in bytes: ArraySlice<UInt8>) -> UInt64? {
        var index = bytes.startIndex
        func readVarint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.endIndex, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
        while index < bytes.endIndex {
            guard let key = readVarint() else { return nil }
            switch key & 7 {
            case 0:
                guard let value = readVarint() else { return nil }
                if Int(key >> 3) == field { return value }
            case 1: index += 8
            case 5: index += 4
            case 2:
                guard let length = readVarint(), length <= UInt64(bytes.endIndex - index) else { return nil }
                index += Int(length)
            default: return nil
            }
        }
        return nil
    }
}
