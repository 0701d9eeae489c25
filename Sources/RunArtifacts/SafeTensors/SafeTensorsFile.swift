import Foundation

/// A set of named tensors plus string metadata in Hugging Face's safetensors format.
///
/// Layout: an 8-byte little-endian header length N; N bytes of UTF-8 JSON
/// `{"__metadata__": {...}, "name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}`
/// padded with spaces to a multiple of 8; then the tensors' bytes, packed without gaps. Tensors are
/// laid out as Python's `safetensors` does (widest element type first, then by name), and metadata
/// keys are sorted, so the same tensors always give the same bytes.
///
/// ```swift
/// var checkpoint = SafeTensorsFile(metadata: ["format": "trustregion-checkpoint-1"])
/// checkpoint.tensors["policy"] = try SafeTensor(floats: parameters)
/// try checkpoint.write(to: runDirectory.appendingPathComponent("checkpoint.safetensors"))
/// let restored = try SafeTensorsFile(contentsOf: url).floats(named: "policy")
/// ```
public struct SafeTensorsFile: Equatable, Sendable {
    /// The tensors by name.
    public var tensors: [String: SafeTensor]
    /// Free-form string pairs stored under the header's `__metadata__` key.
    public var metadata: [String: String]

    /// Creates a file from tensors and metadata.
    public init(tensors: [String: SafeTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The key under which the header stores `metadata`; no tensor may have this name.
    public static let metadataKey = "__metadata__"

    /// The tensor called `name`.
    ///
    /// - Throws: ``SafeTensorsError/missingTensor(name:available:)`` listing the names present.
    public func tensor(named name: String) throws -> SafeTensor {
        guard let tensor = tensors[name] else {
            throw SafeTensorsError.missingTensor(name: name, available: Array(tensors.keys))
        }
        return tensor
    }

    /// The elements of the `F32` tensor `name`.
    public func floats(named name: String) throws -> [Float] { try typed(name) { try $0.floats() } }
    /// The elements of the `F64` tensor `name`.
    public func doubles(named name: String) throws -> [Double] { try typed(name) { try $0.doubles() } }
    /// The elements of the `I64` tensor `name`.
    public func int64s(named name: String) throws -> [Int64] { try typed(name) { try $0.int64s() } }
    /// The elements of the `U64` tensor `name`.
    public func uint64s(named name: String) throws -> [UInt64] { try typed(name) { try $0.uint64s() } }

    /// Applies a typed accessor, adding the tensor's name to a type-mismatch error.
    func typed<Element>(_ name: String, _ accessor: (SafeTensor) throws -> [Element]) throws -> [Element] {
        do {
            return try accessor(tensor(named: name))
        } catch let SafeTensorsError.dataTypeMismatch(_, expected, found) {
            throw SafeTensorsError.dataTypeMismatch(name: name, expected: expected, found: found)
        }
    }
}

// MARK: - Writing

extension SafeTensorsFile {
    /// The tensors' names in the order their bytes are laid out: widest element type first, then by name.
    var layoutOrder: [String] {
        tensors.keys.sorted { left, right in
            let (leftRank, rightRank) = (tensors[left]?.dataType.layoutRank ?? 0, tensors[right]?.dataType.layoutRank ?? 0)
            return leftRank != rightRank ? leftRank > rightRank : left < right
        }
    }

    /// The complete file contents.
    ///
    /// - Throws: ``SafeTensorsError/reservedName`` if a tensor is named `__metadata__`.
    public func serialized() throws -> Data {
        guard tensors[Self.metadataKey] == nil else { throw SafeTensorsError.reservedName }
        let order = layoutOrder
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            var entry = ""
            HeaderJSON.appendQuoted(Self.metadataKey, to: &entry)
            entry += ":{"
            entry += metadata.keys.sorted().map { key in
                var pair = ""
                HeaderJSON.appendQuoted(key, to: &pair)
                pair += ":"
                HeaderJSON.appendQuoted(metadata[key] ?? "", to: &pair)
                return pair
            }.joined(separator: ",")
            fields.append(entry + "}")
        }
        var offset = 0
        for name in order {
            guard let tensor = tensors[name] else { continue }
            var entry = ""
            HeaderJSON.appendQuoted(name, to: &entry)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entry += ":{\"dtype\":\"\(tensor.dataType.rawValue)\",\"shape\":[\(shape)],"
            entry += "\"data_offsets\":[\(offset),\(offset + tensor.bytes.count)]}"
            fields.append(entry)
            offset += tensor.bytes.count
        }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        // Pad so the data section starts 8-byte aligned, as the Python library does.
        headerBytes += [UInt8](repeating: 0x20, count: (8 - headerBytes.count % 8) % 8)

        var data = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for name in order { if let tensor = tensors[name] { data.append(tensor.bytes) } }
        return data
    }

    /// Writes the file atomically (see ``AtomicFile``): a crash leaves the previous file intact.
    public func write(to url: URL) throws {
        try AtomicFile.write(serialized(), to: url)
    }

    /// Reads and validates the file at `url`.
    ///
    /// - Throws: ``FileOperationError`` if it cannot be read, ``SafeTensorsFileError`` (naming the
    ///   path and the problem) if its contents are not a valid safetensors file.
    public init(contentsOf url: URL) throws {
        let data = try AtomicFile.read(from: url)
        do {
            try self.init(data: data)
        } catch let problem as SafeTensorsError {
            throw SafeTensorsFileError(path: url.path, problem: problem)
        }
    }
}
