extension InputRows {
    /// No rows yet, stored as bytes in shared planes: each row is `planesPerRow` planes of
    /// `planeWidth` bytes, and a plane equal to one of the row `lookback` rows earlier, or to the
    /// row's previous plane, is stored once (`SharedPlanes`; the rows read back are the rows
    /// appended). `capacityRows` reserves room for that many rows of one new plane each.
    public init(sharingPlanesOf planeWidth: Int, planesPerRow: Int, lookback: Int, capacityRows: Int = 0) {
        self.init(storage: .uint8)
        sharedPlanes = SharedPlanes(
            planeWidth: planeWidth, planesPerRow: planesPerRow, lookback: lookback, capacityRows: capacityRows)
    }

    /// Whether the rows are stored as shared planes.
    public var sharesPlanes: Bool { sharedPlanes != nil }

    /// Calls `body` with rows `rows` (`width` bytes each) as contiguous bytes: the storage itself,
    /// or a copy assembled from the shared planes. The rows must be stored as bytes.
    public func withContiguousBytes(rows: Range<Int>, width: Int, _ body: (UnsafePointer<UInt8>) -> Void) {
        precondition(storage == .uint8, "rows stored as \(storage) have no bytes")
        guard let sharedPlanes else {
            bytes.withUnsafeBufferPointer { stored in
                if let base = stored.baseAddress { body(base + rows.lowerBound * width) }
            }
            return
        }
        precondition(width == sharedPlanes.rowWidth, "rows are \(sharedPlanes.rowWidth) bytes wide, not \(width)")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(rows.count * width, 1)) { scratch in
            guard let base = scratch.baseAddress else { return }
            sharedPlanes.copy(rows: rows, to: base)
            body(UnsafePointer(base))
        }
    }

    /// `append(_:)` where either side shares planes.
    mutating func appendSharingAware(_ source: InputRows) {
        if var planes = sharedPlanes {
            precondition(source.count % planes.rowWidth == 0, "appended elements are not whole rows")
            sharedPlanes = nil  // appended in place, not copied
            source.withContiguousBytes(rows: 0..<(source.count / planes.rowWidth), width: planes.rowWidth) { rows in
                planes.append(rows: rows, count: source.count / planes.rowWidth)
            }
            sharedPlanes = planes
        } else if let planes = source.sharedPlanes {
            appendRowsSharingAware(of: source, width: planes.rowWidth, rowList: Array(0..<planes.rowCount))
        }
    }

    /// `appendRows(of:width:rowList:)` where either side shares planes.
    mutating func appendRowsSharingAware(of source: InputRows, width: Int, rowList: [Int]) {
        guard sharedPlanes == nil else {
            var gathered = InputRows(storage: .uint8, capacity: rowList.count * width)
            gathered.appendRows(of: source, width: width, rowList: rowList)
            appendSharingAware(gathered)
            return
        }
        guard let planes = source.sharedPlanes else { return }
        precondition(width == planes.rowWidth, "rows are \(planes.rowWidth) bytes wide, not \(width)")
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: rowList.count * width))
        bytes.withUnsafeMutableBufferPointer { stored in
            if let base = stored.baseAddress { planes.copy(rows: rowList, to: base + start) }
        }
    }

    /// Equal when the storage and every element are (however bytes are stored).
    public static func == (lhs: InputRows, rhs: InputRows) -> Bool {
        guard lhs.storage == rhs.storage, lhs.count == rhs.count else { return false }
        if lhs.sharedPlanes == nil && rhs.sharedPlanes == nil { return lhs.floats == rhs.floats && lhs.bytes == rhs.bytes }
        return lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
        hasher.combine(count)
        for element in prefix(64) { hasher.combine(element) }
    }
}
