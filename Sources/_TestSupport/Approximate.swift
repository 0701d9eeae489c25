/// Test helpers shared by the test targets: approximate comparisons with stated tolerances.

/// The largest absolute difference between two equally long sequences.
public func maximumAbsoluteDifference<A: Collection, B: Collection>(_ a: A, _ b: B) -> Double
where A.Element: BinaryFloatingPoint, B.Element: BinaryFloatingPoint {
    precondition(a.count == b.count, "lengths differ: \(a.count) vs \(b.count)")
    var worst = 0.0
    for (x, y) in zip(a, b) { worst = Swift.max(worst, abs(Double(x) - Double(y))) }
    return worst
}

/// ‖a − b‖ / max(‖b‖, floor): the relative error of `a` against the reference `b`.
public func relativeError<A: Collection, B: Collection>(_ a: A, _ b: B, floor: Double = 1e-12) -> Double
where A.Element: BinaryFloatingPoint, B.Element: BinaryFloatingPoint {
    precondition(a.count == b.count, "lengths differ: \(a.count) vs \(b.count)")
    var difference = 0.0
    var reference = 0.0
    for (x, y) in zip(a, b) {
        difference += (Double(x) - Double(y)) * (Double(x) - Double(y))
        reference += Double(y) * Double(y)
    }
    return difference.squareRoot() / Swift.max(reference.squareRoot(), floor)
}
