/// What is wrong with safetensors bytes or with a tensor request; every case names the culprit.
public enum SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than the 8 bytes of the header length.
    case fileTooShort(byteCount: Int)
    /// The header length field points past the end of the file.
    case headerLengthBeyondFile(headerLength: UInt64, fileSize: Int)
    /// The header is not UTF-8 or not JSON; `offset` is the byte offset inside the header.
    case malformedHeader(reason: String, offset: Int)
    /// The header is JSON but not an object of tensor entries.
    case headerNotAnObject(found: String)
    /// The same key appears twice in the header.
    case duplicateName(String)
    /// `__metadata__` is not an object of strings.
    case invalidMetadata(reason: String)
    /// A tensor entry lacks a field or has one of the wrong kind, or a tensor is built inconsistently.
    case invalidTensor(name: String?, reason: String)
    /// A tensor's `dtype` is not one TrustRegion supports.
    case unknownDataType(name: String, dataType: String)
    /// The byte range does not hold shape × element width bytes.
    case sizeMismatch(name: String, dataType: SafeTensorsDataType, shape: [Int], expectedBytes: Int, actualBytes: Int)
    /// `data_offsets` is reversed or reaches past the end of the data section.
    case offsetsOutOfBounds(name: String, begin: UInt64, end: UInt64, dataSize: Int)
    /// Two tensors' byte ranges overlap.
    case overlappingTensors(String, String)
    /// Bytes of the data section between tensors belong to no tensor (Python's library rejects this too).
    case unusedBytes(before: String, begin: Int, end: Int)
    /// Bytes after the last tensor belong to no tensor.
    case trailingData(byteCount: Int)
    /// A tensor is named `__metadata__`, which the format reserves.
    case reservedName
    /// No tensor of that name in the file.
    case missingTensor(name: String, available: [String])
    /// The tensor holds another element type than the accessor reads.
    case dataTypeMismatch(name: String?, expected: SafeTensorsDataType, found: SafeTensorsDataType)

    /// A one-line explanation naming the offending tensor, key or byte range.
    public var description: String {
        switch self {
        case let .fileTooShort(count):
            return "file too short: \(count) bytes, but a safetensors file starts with an 8-byte header length"
        case let .headerLengthBeyondFile(length, size):
            return "header length \(length) reaches past the end of the file (\(size) bytes)"
        case let .malformedHeader(reason, offset):
            return "malformed JSON header at byte \(offset): \(reason)"
        case let .headerNotAnObject(found):
            return "the header must be a JSON object, found \(found)"
        case let .duplicateName(name):
            return "the header names \"\(name)\" twice"
        case let .invalidMetadata(reason):
            return "invalid __metadata__: \(reason)"
        case let .invalidTensor(name, reason):
            return name.map { "tensor \"\($0)\": \(reason)" } ?? "invalid tensor: \(reason)"
        case let .unknownDataType(name, dataType):
            let known = SafeTensorsDataType.allCases.map(\.rawValue).joined(separator: ", ")
            return "tensor \"\(name)\": unsupported dtype \"\(dataType)\" (supported: \(known))"
        case let .sizeMismatch(name, dataType, shape, expected, actual):
            return "tensor \"\(name)\": shape \(shape) of \(dataType) needs \(expected) bytes but data_offsets span \(actual)"
        case let .offsetsOutOfBounds(name, begin, end, size):
            return "tensor \"\(name)\": data_offsets [\(begin), \(end)] outside the data section of \(size) bytes"
        case let .overlappingTensors(first, second):
            return "tensors \"\(first)\" and \"\(second)\" overlap"
        case let .unusedBytes(name, begin, end):
            return "data bytes \(begin)..<\(end) before tensor \"\(name)\" belong to no tensor"
        case let .trailingData(count):
            return "\(count) bytes of trailing data after the last tensor"
        case .reservedName:
            return "a tensor may not be named \"__metadata__\""
        case let .missingTensor(name, available):
            return "no tensor \"\(name)\" (the file has: \(available.sorted().joined(separator: ", ")))"
        case let .dataTypeMismatch(name, expected, found):
            let subject = name.map { "tensor \"\($0)\"" } ?? "tensor"
            return "\(subject) holds \(found), not \(expected)"
        }
    }
}

/// A safetensors file that could not be decoded, naming the file and what is wrong with it.
public struct SafeTensorsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path.
    public let path: String
    /// What is wrong.
    public let problem: SafeTensorsError

    /// Creates the error for `path`.
    public init(path: String, problem: SafeTensorsError) {
        self.path = path
        self.problem = problem
    }

    /// "`path` is not a valid safetensors file: `problem`".
    public var description: String { "\"\(path)\" is not a valid safetensors file: \(problem)" }
}
