/// TensorBoard's `Event` records (tensorflow/core/util/event.proto) and their TFRecord framing.
///
/// Field numbers: Event {wall_time 1 double, step 2 int64, file_version 3 string, summary 5};
/// Summary {value 1 repeated}; Summary.Value {tag 1, simple_value 2 float, tensor 8, metadata 9};
/// SummaryMetadata {plugin_data 1 {plugin_name 1}}; TensorProto {dtype 1 (DT_STRING = 7),
/// tensor_shape 2, string_val 8}.
enum TensorBoardEvent {
    /// The first record of every events file.
    static func fileVersion(wallTime: Double) -> [UInt8] {
        var event = ProtobufMessage()
        event.double(1, wallTime)
        event.string(3, "brain.Event:2")
        return event.bytes
    }

    /// One event holding a scalar (`simple_value`, a float32 as TensorBoard stores scalars) per tag.
    static func scalars(_ values: [(tag: String, value: Double)], step: Int64, wallTime: Double) -> [UInt8] {
        var summary = ProtobufMessage()
        for (tag, value) in values {
            var entry = ProtobufMessage()
            entry.string(1, tag)
            entry.float(2, Float(value))
            summary.message(1, entry)
        }
        return event(summary: summary, step: step, wallTime: wallTime)
    }

    /// An event holding `text` for TensorBoard's text plugin (Markdown) under `tag`.
    static func text(_ text: String, tag: String, step: Int64, wallTime: Double) -> [UInt8] {
        var pluginData = ProtobufMessage()
        pluginData.string(1, "text")
        var metadata = ProtobufMessage()
        metadata.message(1, pluginData)
        var tensor = ProtobufMessage()
        tensor.integer(1, 7)  // DT_STRING
        tensor.message(2, ProtobufMessage())  // a scalar: a shape without dimensions
        tensor.string(8, text)
        var entry = ProtobufMessage()
        entry.string(1, tag)
        entry.message(8, tensor)
        entry.message(9, metadata)
        var summary = ProtobufMessage()
        summary.message(1, entry)
        return event(summary: summary, step: step, wallTime: wallTime)
    }

    private static func event(summary: ProtobufMessage, step: Int64, wallTime: Double) -> [UInt8] {
        var event = ProtobufMessage()
        event.double(1, wallTime)
        event.integer(2, step)
        event.message(5, summary)
        return event.bytes
    }

    /// `data` framed as a TFRecord: length (u64 LE), masked CRC-32C of the length, data, masked
    /// CRC-32C of the data.
    static func record(_ data: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        withUnsafeBytes(of: UInt64(data.count).littleEndian) { length += $0 }
        var record = length
        withUnsafeBytes(of: CRC32C.masked(length).littleEndian) { record += $0 }
        record += data
        withUnsafeBytes(of: CRC32C.masked(data).littleEndian) { record += $0 }
        return record
    }

    /// The records' payloads of a TFRecord file, checking both CRCs; stops at a torn last record
    /// (a killed writer), as TensorBoard's reader does.
    static func records(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var records: [ArraySlice<UInt8>] = []
        var offset = 0
        func word<Word: FixedWidthInteger>(_ at: Int, _: Word.Type) -> Word {
            bytes[at..<(at + MemoryLayout<Word>.size)].reversed().reduce(0) { $0 << 8 | Word($1) }
        }
        while offset + 12 <= bytes.count {
            let length = word(offset, UInt64.self)
            guard CRC32C.masked(bytes[offset..<(offset + 8)]) == word(offset + 8, UInt32.self),
                length <= UInt64(bytes.count - offset - 16)
            else { break }
            let data = bytes[(offset + 12)..<(offset + 12 + Int(length))]
            guard CRC32C.masked(data) == word(offset + 12 + Int(length), UInt32.self) else { break }
            records.append(data)
            offset += 16 + Int(length)
        }
        return records
    }
}
