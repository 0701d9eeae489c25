/// Scalar root finding for the one-dimensional duals of the exact policy updates.

/// A root of a continuous `function` on [lower, upper] whose values at the ends have opposite
/// signs (or one is zero), by Brent's method (1973): inverse quadratic interpolation or secant
/// steps when they stay inside the bracket and shrink it fast enough, bisection otherwise.
///
/// Converges at least as surely as bisection and usually superlinearly; stops when the bracket is
/// narrower than `2·ulp·|x| + tolerance`, or after `maximumEvaluations` evaluations.
/// - Precondition: the end values have opposite signs or one is zero.
func brentRoot(
    lower: Double, upper: Double, tolerance: Double, maximumEvaluations: Int = 200,
    _ function: (Double) -> Double
) -> Double {
    var a = lower
    var b = upper
    var fa = function(a)
    var fb = function(b)
    if fa == 0 { return a }
    if fb == 0 { return b }
    precondition((fa < 0) != (fb < 0), "brentRoot needs a sign change on the bracket")
    // c is the previous iterate on the other side of the root from b, so [b, c] brackets it.
    var c = a
    var fc = fa
    var step = b - a
    var previousStep = step
    for _ in 0..<maximumEvaluations {
        if (fb < 0) == (fc < 0) {
            c = a
            fc = fa
            step = b - a
            previousStep = step
        }
        // Keep b the best estimate (smallest |f|).
        if abs(fc) < abs(fb) {
            a = b
            b = c
            c = a
            fa = fb
            fb = fc
            fc = fa
        }
        let slack = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
        let halfWidth = (c - b) / 2
        if abs(halfWidth) <= slack || fb == 0 { return b }
        if abs(previousStep) >= slack && abs(fa) > abs(fb) {
            // Interpolate: secant when only two distinct points, inverse quadratic otherwise.
            let s = fb / fa
            var p: Double
            var q: Double
            if a == c {
                p = 2 * halfWidth * s
                q = 1 - s
            } else {
                let qa = fa / fc
                let r = fb / fc
                p = s * (2 * halfWidth * qa * (qa - r) - (b - a) * (r - 1))
                q = (qa - 1) * (r - 1) * (s - 1)
            }
            if p > 0 { q = -q } else { p = -p }
            // Accept the interpolation only if it lands well inside the bracket and shrinks steps.
            if 2 * p < min(3 * halfWidth * q - abs(slack * q), abs(previousStep * q)) {
                previousStep = step
                step = p / q
            } else {
                step = halfWidth
                previousStep = step
            }
        } else {
            step = halfWidth
            previousStep = step
        }
        a = b
        fa = fb
        b += abs(step) > slack ? step : (halfWidth > 0 ? slack : -slack)
        fb = function(b)
    }
    return b
}

/// Widens [start, start + 1] in steps that double until `function` (decreasing) changes sign.
///
/// Returns `(lower, upper)` with `function(lower) > 0 ≥ function(upper)`, or `nil` if no sign
/// change appears within ±`limit` (used on log-scale variables, so the limit is an exponent).
func bracketDecreasing(start: Double, limit: Double, _ function: (Double) -> Double) -> (Double, Double)? {
    var stride = 1.0
    if function(start) > 0 {
        var lower = start
        while lower + stride <= start + limit {
            let upper = lower + stride
            if function(upper) <= 0 { return (lower, upper) }
            lower = upper
            stride *= 2
        }
        return nil
    }
    var upper = start
    while upper - stride >= start - limit {
        let lower = upper - stride
        if function(lower) > 0 { return (lower, upper) }
        upper = lower
        stride *= 2
    }
    return nil
}
