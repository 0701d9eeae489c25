import Foundation

/// One tensor of a safetensors file: its element type, its shape and its raw little-endian bytes.
///
/// Create one from a Swift array (`try SafeTensor(floats: parameters)`), read it back with the
/// accessor of its type (`try tensor.floats()`). The element count is the product of `shape` (1 for
/// the scalar shape `[]`), and `bytes.count` is always that count times the type's width.
public struct SafeTensor: Equatable, Sendable {
    /// The element type.
    public let dataType: SafeTensorsDataType
    /// The dimensions, outermost first (row-major, as NumPy and PyTorch).
    public let shape: [Int]
    /// The elements, little-endian, row-major.
    public let bytes: Data

    /// The number of elements: the product of `shape`.
    public var elementCount: Int { shape.reduce(1, *) }

    /// Creates a tensor from raw little-endian bytes.
    ///
    /// - Throws: ``SafeTensorsError/invalidTensor(name:reason:)`` if a dimension is negative or the
    ///   byte count is not the element count times the type's width.
    public init(dataType: SafeTensorsDataType, shape: [Int], bytes: Data) throws {
        guard let count = Self.elementCount(of: shape) else {
            throw SafeTensorsError.invalidTensor(name: nil, reason: "shape \(shape) has a negative or overflowing size")
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dataType.byteWidth)
        guard !overflow, byteCount == bytes.count else {
            throw SafeTensorsError.invalidTensor(
                name: nil, reason: "shape \(shape) of \(dataType) needs \(count) × \(dataType.byteWidth) bytes, got \(bytes.count)")
        }
        self.dataType = dataType
        self.shape = shape
        self.bytes = bytes
    }

    /// The product of `shape`, or `nil` if a dimension is negative or the product overflows.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }
}

// MARK: - From Swift arrays

extension SafeTensor {
    /// A `F32` tensor of `values`; `shape` defaults to one dimension of `values.count`.
    public init(floats values: [Float], shape: [Int]? = nil) throws {
        try self.init(dataType: .float32, shape: shape ?? [values.count], bytes: Self.encode(values.map(\.bitPattern)))
    }

    /// A `F64` tensor of `values`; `shape` defaults to one dimension of `values.count`.
    public init(doubles values: [Double], shape: [Int]? = nil) throws {
        try self.init(dataType: .float64, shape: shape ?? [values.count], bytes: Self.encode(values.map(\.bitPattern)))
    }

    /// An `I64` tensor of `values`; `shape` defaults to one dimension of `values.count`.
    public init(int64s values: [Int64], shape: [Int]? = nil) throws {
        try self.init(dataType: .int64, shape: shape ?? [values.count], bytes: Self.encode(values))
    }

    /// A `U64` tensor of `values`; `shape` defaults to one dimension of `values.count`.
    public init(uint64s values: [UInt64], shape: [Int]? = nil) throws {
        try self.init(dataType: .uint64, shape: shape ?? [values.count], bytes: Self.encode(values))
    }

    /// An `I32` tensor of `values`; `shape` defaults to one dimension of `values.count`.
    public init(int32s values: [Int32], shape: [Int]? = nil) throws {
        try self.init(dataType: .int32, shape: shape ?? [values.count], bytes: Self.encode(values))
    }

    /// A `U8` tensor of `values`; `shape` defaults to one dimension of `values.count`.
    public init(uint8s values: [UInt8], shape: [Int]? = nil) throws {
        try self.init(dataType: .uint8, shape: shape ?? [values.count], bytes: Data(values))
    }

    /// The little-endian bytes of `values`.
    static func encode<Element: FixedWidthInteger>(_ values: [Element]) -> Data {
        let width = MemoryLayout<Element>.size
        var data = Data(count: values.count * width)
        data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            for (index, value) in values.enumerated() {
                buffer.storeBytes(of: value.littleEndian, toByteOffset: index * width, as: Element.self)
            }
        }
        return data
    }
}

// MARK: - To Swift arrays

extension SafeTensor {
    /// The elements of a `F32` tensor.
    public func floats() throws -> [Float] { try decode(.float32, as: UInt32.self).map(Float.init(bitPattern:)) }

    /// The elements of a `F64` tensor.
    public func doubles() throws -> [Double] { try decode(.float64, as: UInt64.self).map(Double.init(bitPattern:)) }

    /// The elements of an `I64` tensor.
    public func int64s() throws -> [Int64] { try decode(.int64, as: Int64.self) }

    /// The elements of a `U64` tensor.
    public func uint64s() throws -> [UInt64] { try decode(.uint64, as: UInt64.self) }

    /// The elements of an `I32` tensor.
    public func int32s() throws -> [Int32] { try decode(.int32, as: Int32.self) }

    /// The elements of a `U8` tensor.
    public func uint8s() throws -> [UInt8] { try decode(.uint8, as: UInt8.self) }

    /// Decodes the bytes as `Element`s after checking the tensor holds `expected`.
    func decode<Element: FixedWidthInteger>(_ expected: SafeTensorsDataType, as _: Element.Type) throws -> [Element] {
        guard dataType == expected else {
            throw SafeTensorsError.dataTypeMismatch(name: nil, expected: expected, found: dataType)
        }
        let width = MemoryLayout<Element>.size
        return bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            (0..<buffer.count / width).map { index in
                Element(littleEndian: buffer.loadUnaligned(fromByteOffset: index * width, as: Element.self))
            }
        }
    }
}
