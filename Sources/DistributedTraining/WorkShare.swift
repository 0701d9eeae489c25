/// How a fixed number of items (environment copies, blocks of rows) is split over the participants.
///
/// Contiguous and balanced: with n items over P participants, the first n mod P get ⌈n/P⌉ items
/// and the rest ⌊n/P⌋, in rank order, so concatenating the participants' shares in rank order
/// gives the items in their global order. P need not divide n (a share may be empty).
public enum WorkShare {
    /// The items `0 ..< count` that participant `part` of `parts` holds.
    public static func range(of count: Int, parts: Int, part: Int) -> Range<Int> {
        let parts = max(parts, 1)
        let (base, extra) = (count / parts, count % parts)
        let start = part * base + min(part, extra)
        return start..<(start + base + (part < extra ? 1 : 0))
    }
}

extension WorkShare {
    /// The participant whose share holds item `item`.
    public static func owner(of item: Int, count: Int, parts: Int) -> Int {
        (0..<max(parts, 1)).first { range(of: count, parts: parts, part: $0).contains(item) } ?? 0
    }
}
