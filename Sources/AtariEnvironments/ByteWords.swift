/// Packs bytes into the 64-bit words of an `EnvironmentSnapshot` (8 per word, little-endian).
enum ByteWords {
    /// Words needed for `count` bytes.
    static func wordCount(_ count: Int) -> Int { (count + 7) / 8 }

    static func pack(_ bytes: [UInt8]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: wordCount(bytes.count))
        for (index, byte) in bytes.enumerated() {
            words[index >> 3] |= UInt64(byte) << (8 * UInt64(index & 7))
        }
        return words
    }

    /// The first `count` bytes held in `words`; missing words read as zero.
    static func unpack<Words: Collection>(_ words: Words, count: Int) -> [UInt8] where Words.Element == UInt64 {
        var bytes = [UInt8](repeating: 0, count: count)
        for (wordIndex, word) in words.enumerated() {
            for offset in 0..<8 where wordIndex * 8 + offset < count {
                bytes[wordIndex * 8 + offset] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(offset)))
            }
        }
        return bytes
    }
}
