import Foundation

// MARK: - Reading and validation

extension SafeTensorsFile {
    /// Decodes and validates safetensors bytes.
    ///
    /// Everything is checked before any tensor is built: the header length, the header's UTF-8 and
    /// JSON, every entry's fields, dtype, shape and byte range, that names are unique, and that the
    /// tensors cover the data section exactly (no overlaps, gaps or trailing bytes). Headers without
    /// space padding are accepted, as Python's library accepts them.
    ///
    /// - Throws: ``SafeTensorsError`` describing the first problem found.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw SafeTensorsError.fileTooShort(byteCount: bytes.count) }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafeTensorsError.headerLengthBeyondFile(headerLength: headerLength, fileSize: bytes.count)
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = Array(bytes[8..<dataStart])
        guard String(validating: headerBytes, as: UTF8.self) != nil else {
            throw SafeTensorsError.malformedHeader(reason: "not valid UTF-8", offset: 0)
        }
        let header: HeaderJSON
        do {
            header = try HeaderJSON.parse(headerBytes)
        } catch {
            throw SafeTensorsError.malformedHeader(reason: error.message, offset: error.offset)
        }
        guard case let .object(members) = header else { throw SafeTensorsError.headerNotAnObject(found: header.kindName) }

        let dataSize = bytes.count - dataStart
        var seen = Set<String>()
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        for (name, value) in members {
            guard seen.insert(name).inserted else { throw SafeTensorsError.duplicateName(name) }
            if name == Self.metadataKey {
                metadata = try Self.decodeMetadata(value)
            } else {
                entries.append(try Entry(name: name, json: value, dataSize: dataSize))
            }
        }
        try Self.checkCoverage(entries, dataSize: dataSize)

        var tensors: [String: SafeTensor] = [:]
        for entry in entries {
            let range = (dataStart + entry.begin)..<(dataStart + entry.end)
            tensors[entry.name] = try SafeTensor(dataType: entry.dataType, shape: entry.shape, bytes: Data(bytes[range]))
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    /// One validated header entry.
    struct Entry {
        let name: String
        let dataType: SafeTensorsDataType
        let shape: [Int]
        let begin: Int
        let end: Int

        /// Validates the entry's fields, dtype, shape and byte range against a data section of `dataSize` bytes.
        init(name: String, json: HeaderJSON, dataSize: Int) throws {
            func invalid(_ reason: String) -> SafeTensorsError { .invalidTensor(name: name, reason: reason) }
            guard case let .object(fields) = json else { throw invalid("entry must be an object, found \(json.kindName)") }
            func field(_ key: String) throws -> HeaderJSON {
                guard let value = fields.first(where: { $0.key == key })?.value else { throw invalid("missing \"\(key)\"") }
                return value
            }
            guard case let .string(dtypeName) = try field("dtype") else { throw invalid("\"dtype\" must be a string") }
            guard let dataType = SafeTensorsDataType(rawValue: dtypeName) else {
                throw SafeTensorsError.unknownDataType(name: name, dataType: dtypeName)
            }
            guard case let .array(shapeValues) = try field("shape") else { throw invalid("\"shape\" must be an array") }
            let dimensions = shapeValues.map { $0.unsignedInteger.flatMap { Int(exactly: $0) } }
            guard !dimensions.contains(nil) else { throw invalid("\"shape\" must hold non-negative integers") }
            let shape = dimensions.compactMap { $0 }
            guard case let .array(offsetValues) = try field("data_offsets"), offsetValues.count == 2,
                  let begin = offsetValues[0].unsignedInteger, let end = offsetValues[1].unsignedInteger
            else { throw invalid("\"data_offsets\" must be two non-negative integers [begin, end]") }
            guard begin <= end, end <= UInt64(dataSize) else {
                throw SafeTensorsError.offsetsOutOfBounds(name: name, begin: begin, end: end, dataSize: dataSize)
            }
            let span = Int(end - begin)
            guard let count = SafeTensor.elementCount(of: shape) else { throw invalid("shape \(shape) overflows") }
            let (expected, overflow) = count.multipliedReportingOverflow(by: dataType.byteWidth)
            guard !overflow, expected == span else {
                throw SafeTensorsError.sizeMismatch(
                    name: name, dataType: dataType, shape: shape, expectedBytes: overflow ? Int.max : expected, actualBytes: span)
            }
            (self.name, self.dataType, self.shape, self.begin, self.end) = (name, dataType, shape, Int(begin), Int(end))
        }
    }

    /// Decodes `__metadata__`: an object whose values are all strings.
    static func decodeMetadata(_ json: HeaderJSON) throws -> [String: String] {
        guard case let .object(pairs) = json else {
            throw SafeTensorsError.invalidMetadata(reason: "must be an object, found \(json.kindName)")
        }
        var metadata: [String: String] = [:]
        for (key, value) in pairs {
            guard case let .string(text) = value else {
                throw SafeTensorsError.invalidMetadata(reason: "value of \"\(key)\" must be a string, found \(value.kindName)")
            }
            guard metadata.updateValue(text, forKey: key) == nil else {
                throw SafeTensorsError.invalidMetadata(reason: "key \"\(key)\" appears twice")
            }
        }
        return metadata
    }

    /// Checks that the tensors' byte ranges tile the data section exactly.
    static func checkCoverage(_ entries: [Entry], dataSize: Int) throws {
        let sorted = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: String?
        for entry in sorted {
            if entry.begin < covered, let previous { throw SafeTensorsError.overlappingTensors(previous, entry.name) }
            if entry.begin > covered {
                throw SafeTensorsError.unusedBytes(before: entry.name, begin: covered, end: entry.begin)
            }
            covered = entry.end
            previous = entry.name
        }
        if covered < dataSize { throw SafeTensorsError.trailingData(byteCount: dataSize - covered) }
    }
}
