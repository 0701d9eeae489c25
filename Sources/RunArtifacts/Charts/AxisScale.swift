import Foundation

/// A linear axis: its limits, its "nice" tick values (steps of 1, 2 or 5 × 10ᵏ) and their labels.
public struct AxisScale: Equatable, Sendable {
    /// The value at the start of the axis.
    public let lower: Double
    /// The value at the end of the axis.
    public let upper: Double
    /// The distance between ticks.
    public let step: Double
    /// The tick values, inside `lower...upper`.
    public let ticks: [Double]

    /// An axis covering `dataRange` (`nil` if there is no data) with about `targetTickCount` ticks.
    ///
    /// With `extendToTicks`, the limits grow outward to the nearest ticks, so the axis starts and ends
    /// on a labelled value; otherwise they are the range itself (an explicit domain). An empty or
    /// single-valued range is widened so the axis is never degenerate.
    public init(covering dataRange: ClosedRange<Double>?, targetTickCount: Int = 6, extendToTicks: Bool = true) {
        var lower = dataRange?.lowerBound ?? 0
        var upper = dataRange?.upperBound ?? 1
        if !(lower.isFinite && upper.isFinite) { (lower, upper) = (0, 1) }
        if upper - lower <= abs(upper) * 1e-12 {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            (lower, upper) = (lower - pad, upper + pad)
        }
        let step = AxisScale.niceStep(for: (upper - lower) / Double(max(targetTickCount - 1, 1)))
        let first = (lower / step).rounded(.down)
        let last = (upper / step).rounded(.up)
        if extendToTicks { (lower, upper) = (first * step, last * step) }
        let tolerance = step * 1e-9
        self.ticks = stride(from: first, through: last, by: 1).map { $0 * step }
            .filter { $0 >= lower - tolerance && $0 <= upper + tolerance }
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    /// The smallest step of the form 1, 2 or 5 × 10ᵏ that is at least `rawStep`.
    static func niceStep(for rawStep: Double) -> Double {
        let magnitude = pow(10, (log10(rawStep)).rounded(.down))
        let residual = rawStep / magnitude
        let factor: Double = residual <= 1 + 1e-9 ? 1 : residual <= 2 + 1e-9 ? 2 : residual <= 5 + 1e-9 ? 5 : 10
        return factor * magnitude
    }

    /// The position of `value` on an axis drawn from `start` (at `lower`) to `end` (at `upper`).
    public func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The labels of `ticks`, compact: `0`, `50k`, `1.5M`, `-200`, `0.25`, `2e-6`.
    public var tickLabels: [String] { ticks.map { AxisScale.compactLabel($0, step: step) } }

    /// Formats `value` with as many decimals as `step` needs, using k, M and B suffixes for
    /// thousands, millions and billions.
    public static func compactLabel(_ value: Double, step: Double) -> String {
        if abs(value) < step * 1e-6 { return "0" }
        let magnitude = max(abs(value), step)
        let (divisor, suffix): (Double, String) =
            magnitude >= 1e9 ? (1e9, "B") : magnitude >= 1e6 ? (1e6, "M") : magnitude >= 1e3 ? (1e3, "k") : (1, "")
        let scaledStep = step / divisor
        let decimals = max(0, Int((-log10(scaledStep) - 1e-9).rounded(.up)))
        if decimals > 4 {
            // Tiny steps: scientific notation reads better than "0.000002".
            let text = String(format: "%.3g", value)
            return text.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
        }
        var text = String(format: "%.\(decimals)f", value / divisor)
        // With a suffix, "1M" beside "800k" reads better than "1.0M"; plain numbers keep their decimals.
        if !suffix.isEmpty, text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + suffix
    }
}
