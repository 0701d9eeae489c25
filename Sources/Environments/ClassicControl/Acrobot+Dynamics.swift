import Foundation

/// The acrobot's state (θ₁, θ₂, θ̇₁, θ̇₂), also used for its time derivative.
struct AcrobotState {
    var theta1: Double
    var theta2: Double
    var dtheta1: Double
    var dtheta2: Double

    init(_ theta1: Double, _ theta2: Double, _ dtheta1: Double, _ dtheta2: Double) {
        (self.theta1, self.theta2, self.dtheta1, self.dtheta2) = (theta1, theta2, dtheta1, dtheta2)
    }
}

// MARK: - Equations of motion and the Runge–Kutta step

extension Acrobot {
    // Link masses, length of link 1, centres of mass, moments of inertia, gravity.
    static let mass1 = 1.0
    static let mass2 = 1.0
    static let length1 = 1.0
    static let centerOfMass1 = 0.5
    static let centerOfMass2 = 0.5
    static let momentOfInertia = 1.0
    static let gravity = 9.8

    /// Gymnasium's `_dsdt` with `book_or_nips = "book"`; operation order kept for bit-equal float64,
    /// and NumPy's `x**2` as libm's `pow(x, 2)` (products of Python float constants are exact).
    @inline(__always)
    static func derivative(_ s: AcrobotState, torque a: Double) -> AcrobotState {
        let (m1, m2, l1, lc1, lc2) = (mass1, mass2, length1, centerOfMass1, centerOfMass2)
        let (inertia1, inertia2, g) = (momentOfInertia, momentOfInertia, gravity)
        let (theta1, theta2, dtheta1, dtheta2) = (s.theta1, s.theta2, s.dtheta1, s.dtheta2)
        let cosTheta2 = cos(theta2)
        let sinTheta2 = sin(theta2)
        let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + inertia1 + inertia2
        let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + inertia2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 =
            -m2 * l1 * lc2 * pow(dtheta2, 2) * sinTheta2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2) + phi2
        let ddtheta2 =
            (a + d2 / d1 * phi1 - m2 * l1 * lc2 * pow(dtheta1, 2) * sinTheta2 - phi2)
            / (m2 * (lc2 * lc2) + inertia2 - pow(d2, 2) / d1)
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return AcrobotState(dtheta1, dtheta2, ddtheta1, ddtheta2)
    }

    /// One classical RK4 step over [0, dt] (Gymnasium's `rk4(_dsdt, s_augmented, [0, dt])`).
    ///
    /// The torque rides along as a fifth coordinate with derivative 0, so it stays constant.
    static func rungeKuttaStep(_ y0: AcrobotState, torque: Double) -> AcrobotState {
        let halfStep = dt / 2.0
        let k1 = derivative(y0, torque: torque)
        let k2 = derivative(advanced(y0, by: halfStep, along: k1), torque: torque)
        let k3 = derivative(advanced(y0, by: halfStep, along: k2), torque: torque)
        let k4 = derivative(advanced(y0, by: dt, along: k3), torque: torque)
        let weight = dt / 6.0
        func combine(_ y: Double, _ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
            y + weight * (a + 2 * b + 2 * c + d)
        }
        return AcrobotState(
            combine(y0.theta1, k1.theta1, k2.theta1, k3.theta1, k4.theta1),
            combine(y0.theta2, k1.theta2, k2.theta2, k3.theta2, k4.theta2),
            combine(y0.dtheta1, k1.dtheta1, k2.dtheta1, k3.dtheta1, k4.dtheta1),
            combine(y0.dtheta2, k1.dtheta2, k2.dtheta2, k3.dtheta2, k4.dtheta2))
    }

    @inline(__always)
    static func advanced(_ y: AcrobotState, by step: Double, along k: AcrobotState) -> AcrobotState {
        AcrobotState(
            y.theta1 + step * k.theta1, y.theta2 + step * k.theta2,
            y.dtheta1 + step * k.dtheta1, y.dtheta2 + step * k.dtheta2)
    }
}
