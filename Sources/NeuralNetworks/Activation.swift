/// A pointwise nonlinearity of hidden layers.
public enum Activation: String, Sendable, Hashable, Codable, CaseIterable {
    /// tanh(z): SB3's and the paper's default for MLP policies.
    case tanh
    /// max(0, z).
    case relu

    /// Applies the activation in place to `count` values.
    @inlinable
    public func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .tanh: FastTanh.apply(values, count: count)
        case .relu:
            for index in 0..<count { values[index] = Swift.max(values[index], 0) }
        }
    }

    /// Multiplies `gradient` in place by f'(z), written in terms of the activation's output a = f(z)
    /// (tanh' = 1 − a², relu' = 1 if a > 0), so the forward pass's outputs suffice.
    @inlinable
    public func multiplyByDerivative(
        _ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int
    ) {
        switch self {
        case .tanh:
            for index in 0..<count { gradient[index] *= 1 - output[index] * output[index] }
        case .relu:
            for index in 0..<count where output[index] <= 0 { gradient[index] = 0 }
        }
    }
}

/// A branch-free rational approximation of tanh for Float, vectorised eight lanes at a time.
///
/// tanh(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 7.9053 (clamped outside, where Float tanh rounds to ±1), with
/// the odd 13th-degree / even 6th-degree minimax coefficients that Eigen and XNNPACK use. The
/// maximum absolute error against Double tanh is below 1e-6 (tested). libm's `tanhf` would cost
/// more than every matrix product of a 64-64 network.
public enum FastTanh {
    public static let clampBound: Float = 7.905_311_107_635_498
    @usableFromInline static let alpha: (Float, Float, Float, Float, Float, Float, Float) = (
        4.893_524_558_917_86e-03, 6.372_619_288_754_36e-04, 1.485_722_357_179_79e-05,
        5.122_297_090_371_14e-08, -8.604_671_522_137_35e-11, 2.000_187_904_824_77e-13,
        -2.760_768_477_423_55e-16
    )
    @usableFromInline static let beta: (Float, Float, Float, Float) = (
        4.893_525_185_543_85e-03, 2.268_434_632_439_00e-03, 1.185_347_056_866_54e-04,
        1.198_258_394_667_02e-06
    )

    /// tanh of eight lanes.
    @inlinable @inline(__always)
    public static func evaluate(_ input: SIMD8<Float>) -> SIMD8<Float> {
        let x = input.clamped(
            lowerBound: SIMD8(repeating: -clampBound), upperBound: SIMD8(repeating: clampBound))
        let x2 = x * x
        var p = SIMD8<Float>(repeating: alpha.6)
        p = p * x2 + alpha.5
        p = p * x2 + alpha.4
        p = p * x2 + alpha.3
        p = p * x2 + alpha.2
        p = p * x2 + alpha.1
        p = p * x2 + alpha.0
        p = p * x
        var q = SIMD8<Float>(repeating: beta.3)
        q = q * x2 + beta.2
        q = q * x2 + beta.1
        q = q * x2 + beta.0
        return p / q
    }

    /// tanh of one value (the same approximation, so scalar and vector paths agree bit for bit).
    @inlinable
    public static func evaluate(_ x: Float) -> Float {
        evaluate(SIMD8(repeating: x))[0]
    }

    /// Replaces `count` values by their tanh.
    @inlinable
    public static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        let raw = UnsafeMutableRawPointer(values)
        while index + 8 <= count {
            let lanes = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: evaluate(lanes), toByteOffset: index * 4, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            values[index] = evaluate(values[index])
            index += 1
        }
    }
}
