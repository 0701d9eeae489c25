import DenseLinearAlgebra

/// A batch of network input rows, row-major, stored as `Float`s or as bytes.
///
/// Image observations are bytes 0…255: stored as bytes a 4×84×84 frame stack takes 28,224 bytes
/// a row instead of 112,896, and a network reads them as the `Float` of each byte (the
/// convolutional network's first layer scales them by 1/255 as it gathers its patches), so the
/// values a network sees, and every bit after, are those of the same rows stored as `Float`s.
/// Read as a collection it gives every element as a `Float`, whatever the storage. Bytes may also
/// be stored as shared planes (`init(sharingPlanesOf:planesPerRow:lookback:capacityRows:)`, a
/// rollout's frame stacks): the same rows, each distinct plane once.
public struct InputRows: Sendable, Hashable, RandomAccessCollection {
    /// How the elements are stored.
    public enum Storage: String, Sendable, Hashable {
        /// 32-bit floats (classic control, MuJoCo, normalised observations).
        case float32
        /// Bytes 0…255 (Atari screens and frame stacks).
        case uint8
    }

    /// The storage of the elements.
    public let storage: Storage
    /// The elements when stored as `Float`s (empty otherwise).
    public private(set) var floats: [Float]
    /// The elements when stored as contiguous bytes (empty otherwise, and when planes are shared:
    /// `withContiguousBytes(rows:width:_:)` reads either).
    public internal(set) var bytes: [UInt8]
    /// The rows when stored as shared planes.
    var sharedPlanes: SharedPlanes?

    /// Rows stored as `Float`s.
    public init(floats: [Float]) {
        (storage, self.floats, bytes) = (.float32, floats, [])
    }

    /// Rows stored as bytes.
    public init(bytes: [UInt8]) {
        (storage, floats, self.bytes) = (.uint8, [], bytes)
    }

    /// `values` stored as `storage`: as given for `Float`s (no copy), converted for bytes, or nil if
    /// one of them is not a whole number 0…255 (the rows of one step, as a rollout stores them).
    public init?(_ values: [Float], storage: Storage) {
        guard storage == .uint8 else {
            self.init(floats: values)
            return
        }
        self.init(storage: .uint8, capacity: values.count)
        guard append(contentsOf: values) else { return nil }
    }

    /// No rows yet, stored as `storage`, with room for `capacity` elements.
    public init(storage: Storage, capacity: Int = 0) {
        (self.storage, floats, bytes) = (storage, [], [])
        switch storage {
        case .float32: floats.reserveCapacity(capacity)
        case .uint8: bytes.reserveCapacity(capacity)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage == .float32 ? floats.count : sharedPlanes?.elementCount ?? bytes.count }

    /// Element `index` as a `Float`.
    public subscript(index: Int) -> Float {
        if storage == .float32 { return floats[index] }
        return Float(sharedPlanes?.element(index) ?? bytes[index])
    }

    /// The memory the elements take: 4 bytes each as `Float`s, 1 as bytes, and shared planes once
    /// each with four bytes per plane number.
    public var storageByteCount: Int { storage == .float32 ? floats.count * 4 : sharedPlanes?.byteCount ?? bytes.count }

    /// Appends `values`; stored as bytes, each must be a whole number 0…255 (what a byte
    /// observation converted to `Float` is). Returns false, appending nothing, if one is not.
    /// (Concrete `[Float]`, not generic: it runs on every stored step's observations, and a generic
    /// function called from another module would run unspecialised, element by element.)
    @discardableResult
    public mutating func append(contentsOf values: [Float]) -> Bool {
        guard storage == .uint8 else {
            floats.append(contentsOf: values)
            return true
        }
        guard sharedPlanes == nil else {
            // Converted as contiguous rows first, then their planes shared.
            var converted = InputRows(storage: .uint8, capacity: values.count)
            guard converted.append(contentsOf: values) else { return false }
            append(converted)
            return true
        }
        // Converted into the storage's new tail, which is dropped again if a value is not a byte.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: values.count))
        let exact = values.withUnsafeBufferPointer { source in
            bytes.withUnsafeMutableBufferPointer { target in
                ByteConversion.bytes(from: source, into: UnsafeMutableBufferPointer(rebasing: target[start...]))
            }
        }
        if !exact { bytes.removeLast(values.count) }
        return exact
    }

    /// Appends every element of `source` (the same storage).
    public mutating func append(_ source: InputRows) {
        precondition(source.storage == storage, "rows are stored as \(source.storage), not \(storage)")
        if source.sharedPlanes != nil || sharedPlanes != nil {
            appendSharingAware(source)
            return
        }
        switch storage {
        case .float32: floats.append(contentsOf: source.floats)
        case .uint8: bytes.append(contentsOf: source.bytes)
        }
    }

    /// Appends rows `rows` of `source` (`width` elements a row, the same storage), in order.
    public mutating func appendRows(of source: InputRows, width: Int, rows: some Sequence<Int>) {
        appendRows(of: source, width: width, rowList: Array(rows))
    }

    /// Replaces the contents (keeping the capacity) with rows `rows` of `source`, which has the
    /// same storage (minibatches).
    public mutating func gather(_ source: InputRows, width: Int, rows: some Sequence<Int>) {
        removeAll(keepingCapacity: true)
        appendRows(of: source, width: width, rowList: Array(rows))
    }

    /// Rows `rows` of these rows (`width` elements a row), in order, in the same storage.
    public func gathering(width: Int, rows: some Collection<Int>) -> InputRows {
        var result = InputRows(storage: storage, capacity: rows.count * width)
        result.appendRows(of: self, width: width, rowList: Array(rows))
        return result
    }

    /// Removes every element.
    public mutating func removeAll(keepingCapacity: Bool = false) {
        floats.removeAll(keepingCapacity: keepingCapacity)
        bytes.removeAll(keepingCapacity: keepingCapacity)
        sharedPlanes?.removeAll(keepingCapacity: keepingCapacity)
    }

    /// The row copies, on concrete types: the generic entry points above are called from other
    /// modules, where generic code runs unspecialised, so they only list the rows and come here,
    /// where each row is one block copy (`RowGather`).
    mutating func appendRows(of source: InputRows, width: Int, rowList: [Int]) {
        precondition(source.storage == storage, "rows are stored as \(source.storage), not \(storage)")
        if source.sharedPlanes != nil || sharedPlanes != nil {
            appendRowsSharingAware(of: source, width: width, rowList: rowList)
            return
        }
        switch storage {
        case .float32: RowGather.append(source.floats, width: width, rows: rowList, to: &floats)
        case .uint8: RowGather.append(source.bytes, width: width, rows: rowList, to: &bytes)
        }
    }
}
