/// Chosen rows of a row-major matrix copied out in order (minibatches), one block copy a row.
///
/// Slicing an array per row (`source[a..<b]`) retains and releases its storage and checks
/// exclusivity on every row; PPO's and the critic's minibatches gather thousands of rows an
/// iteration, so they copy from one buffer pointer instead.
public enum RowGather {
    /// Replaces `destination`'s contents (keeping its capacity) with rows `rows` of `source`,
    /// which holds rows of `width` values each.
    @inlinable
    public static func gather<T>(_ source: [T], width: Int, rows: some Sequence<Int>, into destination: inout [T]) {
        destination.removeAll(keepingCapacity: true)
        append(source, width: width, rows: rows, to: &destination)
    }

    /// Appends rows `rows` of `source` (`width` values a row) to `destination`, in order.
    @inlinable
    public static func append<T>(_ source: [T], width: Int, rows: some Sequence<Int>, to destination: inout [T]) {
        source.withUnsafeBufferPointer { values in
            for row in rows {
                precondition(row >= 0 && (row + 1) * width <= values.count, "row \(row) is outside the matrix")
                destination.append(contentsOf: UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))
            }
        }
    }

    /// Rows `rows` of `source` (`width` values a row), in order.
    @inlinable
    public static func gather<T>(_ source: [T], width: Int, rows: some Collection<Int>) -> [T] {
        var result = [T]()
        result.reserveCapacity(rows.count * width)
        gather(source, width: width, rows: rows, into: &result)
        return result
    }
}
