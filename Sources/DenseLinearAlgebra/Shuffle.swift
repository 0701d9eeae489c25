/// Fisher–Yates shuffling driven by a `RandomStream`.
public enum Shuffle {
    /// Permutes `elements` uniformly at random.
    @inlinable
    public static func permute<T>(_ elements: inout [T], stream: inout RandomStream) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, stream.nextInt(below: index + 1))
        }
    }
}
