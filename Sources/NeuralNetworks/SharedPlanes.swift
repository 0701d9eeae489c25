/// Byte rows stored as planes, each distinct plane once: a rollout's frame stacks.
///
/// A row of a 4×84×84 frame stack is four planes of 7,056 bytes, and three of them are planes of
/// the same copy's previous row (the stack moved by one frame). Each appended plane is compared
/// with the planes of the row `lookback` rows earlier (the same copy's previous step when rows are
/// time-major over `lookback` copies) and with the row's own earlier planes (the repeated or zero
/// planes of a stack after a reset); one that equals one of them is stored as its plane number,
/// any other is stored. The comparison is of contents, not an assumption about the stack, so rows
/// read back are always the rows appended: for Atari's stacks a stored step takes one new plane
/// and four plane numbers, 7,072 bytes instead of 28,224.
struct SharedPlanes: Sendable, Hashable {
    /// The bytes of one plane.
    let planeWidth: Int
    /// Planes per row (row width = planesPerRow × planeWidth).
    let planesPerRow: Int
    /// How many rows back the row whose planes a new row reuses lies.
    let lookback: Int
    /// The distinct planes, `planeWidth` bytes each.
    private(set) var planes: [UInt8] = []
    /// Per row, its `planesPerRow` plane numbers.
    private(set) var planeNumbers: [Int32] = []

    init(planeWidth: Int, planesPerRow: Int, lookback: Int, capacityRows: Int) {
        precondition(planeWidth > 0 && planesPerRow > 0 && lookback > 0, "planes need a positive width, count and lookback")
        (self.planeWidth, self.planesPerRow, self.lookback) = (planeWidth, planesPerRow, lookback)
        // One new plane a row, the stacks' usual case, plus each copy's first full row.
        planes.reserveCapacity((capacityRows + lookback * planesPerRow) * planeWidth)
        planeNumbers.reserveCapacity(capacityRows * planesPerRow)
    }

    var rowWidth: Int { planeWidth * planesPerRow }
    var rowCount: Int { planeNumbers.count / planesPerRow }
    var elementCount: Int { rowCount * rowWidth }
    /// The memory the rows take: the distinct planes and four bytes per plane number.
    var byteCount: Int { planes.count + planeNumbers.count * MemoryLayout<Int32>.size }

    /// Element `index` of the rows read back.
    func element(_ index: Int) -> UInt8 {
        let (row, inRow) = index.quotientAndRemainder(dividingBy: rowWidth)
        let (plane, offset) = inRow.quotientAndRemainder(dividingBy: planeWidth)
        return planes[Int(planeNumbers[row * planesPerRow + plane]) * planeWidth + offset]
    }

    /// Appends `count` rows of `rowWidth` bytes from `source`.
    mutating func append(rows source: UnsafePointer<UInt8>, count: Int) {
        for row in 0..<count { appendRow(source + row * rowWidth) }
    }

    /// Copies rows `rows` (in order) to `destination`, `rowWidth` bytes each.
    func copy(rows: some Sequence<Int>, to destination: UnsafeMutablePointer<UInt8>) {
        planes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return }
            var target = destination
            for row in rows {
                for plane in 0..<planesPerRow {
                    let number = Int(planeNumbers[row * planesPerRow + plane])
                    target.update(from: base + number * planeWidth, count: planeWidth)
                    target += planeWidth
                }
            }
        }
    }

    mutating func removeAll(keepingCapacity: Bool) {
        planes.removeAll(keepingCapacity: keepingCapacity)
        planeNumbers.removeAll(keepingCapacity: keepingCapacity)
    }

    private mutating func appendRow(_ row: UnsafePointer<UInt8>) {
        let rowIndex = rowCount
        let earlier = rowIndex >= lookback ? (rowIndex - lookback) * planesPerRow : nil
        for plane in 0..<planesPerRow {
            let candidate = row + plane * planeWidth
            // The stack's shift first, then a plane that stayed, then this row's previous plane.
            let shifted = earlier.flatMap { plane + 1 < planesPerRow ? planeNumbers[$0 + plane + 1] : nil }
            let stayed = earlier.map { planeNumbers[$0 + plane] }
            let previous = plane > 0 ? planeNumbers[rowIndex * planesPerRow + plane - 1] : nil
            func equal(_ number: Int32?) -> Int32? {
                number.flatMap { storedPlane(Int($0), equals: candidate) ? $0 : nil }
            }
            if let match = equal(shifted) ?? equal(stayed) ?? equal(previous) {
                planeNumbers.append(match)
            } else {
                planeNumbers.append(Int32(planes.count / planeWidth))
                planes.append(contentsOf: UnsafeBufferPointer(start: candidate, count: planeWidth))
            }
        }
    }

    private func storedPlane(_ number: Int, equals candidate: UnsafePointer<UInt8>) -> Bool {
        planes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            return bytesEqual(base + number * planeWidth, candidate, count: planeWidth)
        }
    }
}

/// Whether `count` bytes at `first` and `second` are equal (eight at a time).
func bytesEqual(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, count: Int) -> Bool {
    let raw = (UnsafeRawPointer(first), UnsafeRawPointer(second))
    var offset = 0
    while offset + 8 <= count {
        if raw.0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            != raw.1.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        {
            return false
        }
        offset += 8
    }
    while offset < count {
        if first[offset] != second[offset] { return false }
        offset += 1
    }
    return true
}
