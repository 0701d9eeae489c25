/// The gradient of a scalar function by central differences, in Double:
/// ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h for every coordinate i.
///
/// The truncation error is O(h²) (h³ f‴/6 over 2h) and the rounding error about ε·|f|/h, so
/// h ≈ 1e-6 suits an f of order 1 evaluated in Double; `point` may be Float (it is widened to
/// Double first, and x ± h is formed in Double). Costs 2·count evaluations of `f`.
public func centralDifferenceGradient<Element: BinaryFloatingPoint>(
    of function: ([Double]) -> Double, at point: [Element], step h: Double
) -> [Double] {
    precondition(h > 0, "the step must be positive, got \(h)")
    var center = [Double]()
    for coordinate in point { center.append(Double(coordinate)) }
    return center.indices.map { index in
        var plus = center, minus = center
        plus[index] += h
        minus[index] -= h
        return (function(plus) - function(minus)) / (2 * h)
    }
}
