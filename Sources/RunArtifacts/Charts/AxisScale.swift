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

    /// An axis covering `dataRange` (`nil` if there is no data) with at most `maximumTickCount` ticks.
    ///
    /// The step is the smallest of 1, 2 or 5 × 10ᵏ that keeps the tick count within the maximum. With
    /// `extendToTicks`, each limit moves out to the next tick when that tick is close (within
    /// ``snapFraction`` of the range, so timesteps from 2048 start at 0), and otherwise by a small
    /// margin (``marginFraction``), so curves never touch the frame and no axis is mostly empty.
    /// Without it, the limits are the range itself (an explicit domain). An empty or single-valued
    /// range is widened so the axis is never degenerate.
    public init(covering dataRange: ClosedRange<Double>?, maximumTickCount: Int = 8, extendToTicks: Bool = true) {
        var lower = dataRange?.lowerBound ?? 0
        var upper = dataRange?.upperBound ?? 1
        if !(lower.isFinite && upper.isFinite) { (lower, upper) = (0, 1) }
        if upper - lower <= max(abs(lower), abs(upper)) * 1e-12 {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            (lower, upper) = (lower - pad, upper + pad)
        }
        let maximum = Double(max(maximumTickCount, 2))
        // Tick indices with a little slack, so that 0.00001 / 0.000002 = 5.000000000000001 is tick 5.
        func indices(_ step: Double) -> (first: Double, last: Double) {
            ((lower / step + 1e-9).rounded(.down), (upper / step - 1e-9).rounded(.up))
        }
        let magnitude = pow(10, log10((upper - lower) / maximum).rounded(.down))
        let candidates = [1.0, 2, 5, 10, 20, 50, 100].map { $0 * magnitude }
        let step = candidates.first { step in
            let (first, last) = indices(step)
            return last - first + 1 <= maximum
        } ?? candidates[candidates.count - 1]
        let (first, last) = indices(step)
        if extendToTicks {
            let span = upper - lower
            lower = lower - first * step <= Self.snapFraction * span ? first * step : lower - Self.marginFraction * span
            upper = last * step - upper <= Self.snapFraction * span ? last * step : upper + Self.marginFraction * span
        }
        let tolerance = step * 1e-9
        self.ticks = stride(from: first, through: last, by: 1).map { $0 * step }
            .filter { $0 >= lower - tolerance && $0 <= upper + tolerance }
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    /// How far (as a fraction of the data range) a limit may move to reach a tick.
    public static let snapFraction = 0.08
    /// The margin (as a fraction of the data range) added where no tick is close enough.
    public static let marginFraction = 0.03

    /// The position of `value` on an axis drawn from `start` (at `lower`) to `end` (at `upper`).
    public func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The labels of `ticks`, compact: `0`, `50k`, `1.5M`, `-200`, `0.0`, `0.2`, `2e-6`.
    public var tickLabels: [String] { ticks.map { AxisScale.compactLabel($0, step: step) } }

    /// Formats `value` with as many decimals as `step` needs, using k, M and B suffixes for
    /// thousands, millions and billions.
    public static func compactLabel(_ value: Double, step: Double) -> String {
        // Ticks are multiples of the step, so anything this small is zero up to rounding.
        let value = abs(value) < step * 1e-6 ? 0 : value
        let magnitude = max(abs(value), step)
        let (divisor, suffix): (Double, String) =
            magnitude >= 1e9 ? (1e9, "B") : magnitude >= 1e6 ? (1e6, "M") : magnitude >= 1e3 ? (1e3, "k") : (1, "")
        if value == 0 && !suffix.isEmpty { return "0" }
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
