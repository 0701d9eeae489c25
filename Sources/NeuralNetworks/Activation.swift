import DenseLinearAlgebra

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
        case .relu: MatrixProduct.relu(values, count: count)
        }
    }

    /// Multiplies `gradient` in place by f'(z), written in terms of the activation's output a = f(z)
    /// (tanh' = 1 − a², relu' = 1 if a > 0), so the forward pass's outputs suffice.
    @inlinable
    public func multiplyByDerivative(
        _ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int
    ) {
        switch self {
        case .tanh: MatrixProduct.multiplyByTanhDerivative(gradient, output: output, count: count)
        case .relu: MatrixProduct.multiplyByReLUDerivative(gradient, output: output, count: count)
        }
    }
}

/// tanh for Float batches: the C kernel's rational approximation (see `MatrixProduct.tanh`).
///
/// libm's `tanhf` would cost more than every matrix product of a 64-64 network; the approximation's
/// absolute error against Double tanh is below 1e-6 (tested).
public enum FastTanh {
    /// tanh of one value (the same kernel, so scalar and batch results agree bit for bit).
    public static func evaluate(_ x: Float) -> Float {
        var value = x
        MatrixProduct.tanh(&value, count: 1)
        return value
    }

    /// Replaces `count` values by their tanh.
    @inlinable
    public static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        MatrixProduct.tanh(values, count: count)
    }
}
