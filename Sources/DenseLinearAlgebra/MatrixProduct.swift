internal import CMatrixKernels

/// The one matrix-product kernel of TrustRegion: C (+)= A·B with A read through arbitrary strides.
///
/// Every product the networks need is this kernel: `A·B` (forward), `Aᵀ·B` (weight gradients, by
/// swapping A's strides) and `A·Bᵀ` (input gradients, after transposing the small matrix B). The
/// loops live in the `CMatrixKernels` C target, compiled for the baseline instruction set and for
/// AVX2 and AVX-512 with FMA, and the best variant the processor supports runs (see
/// `MatrixKernels.c` for why). Each element of C is one sequential sum, so splitting rows across
/// blocks or threads never changes a bit; processors with and without FMA may differ in the last
/// bits (fused versus separate multiply-add).
public enum MatrixProduct {
    /// An instruction-set variant of the kernel.
    public enum Variant: Int, Sendable, CaseIterable, CustomStringConvertible {
        case automatic = 0, baseline = 1, avx2 = 2, avx512 = 3

        /// Whether this processor can run the variant.
        public var isSupported: Bool {
            trustregion_kernel_supported(trustregion_kernel_variant(UInt32(rawValue))) != 0
        }

        /// The variant `.automatic` resolves to here.
        public static var selected: Variant {
            Variant(rawValue: Int(trustregion_kernel_selected().rawValue)) ?? .baseline
        }

        public var description: String {
            switch self {
            case .automatic: return "automatic (\(Variant.selected))"
            case .baseline: return "baseline"
            case .avx2: return "AVX2+FMA"
            case .avx512: return "AVX-512+FMA"
            }
        }
    }

    /// C[m×n] (+)= A[m×k]·B[k×n].
    ///
    /// - Parameters:
    ///   - a: element (i, p) of A is `a[i * aRowStride + p * aColumnStride]`.
    ///   - b: row-major with leading dimension `bRowStride` (≥ n).
    ///   - c: row-major with leading dimension `cRowStride` (≥ n).
    ///   - accumulate: add into C instead of overwriting it.
    ///   - variant: the instruction set (tests pin one; everything else uses `.automatic`).
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        accumulate: Bool, variant: Variant = .automatic
    ) {
        trustregion_multiply(
            trustregion_kernel_variant(UInt32(variant.rawValue)), m, n, k, a, aRowStride, aColumnStride, b,
            bRowStride, c, cRowStride, accumulate ? 1 : 0)
    }
}

// MARK: - Elementwise kernels

extension MatrixProduct {
    /// Replaces `count` values by their tanh, by the rational approximation of `CMatrixKernels`
    /// (absolute error below 1e-6), vectorised for the variant's instruction set.
    public static func tanh(_ values: UnsafeMutablePointer<Float>, count: Int, variant: Variant = .automatic) {
        trustregion_tanh(trustregion_kernel_variant(UInt32(variant.rawValue)), values, count)
    }

    /// One Adam step over `count` parameters, vectorised for the variant (the C loop is free to
    /// assume the four arrays do not overlap): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    /// θ ← θ − stepSize·m / (√v · secondScale + ε), every operation rounded separately as in a
    /// plain Swift loop, so the bits do not depend on the variant.
    public static func adamStep(
        count: Int, parameters: UnsafeMutablePointer<Float>, firstMoment: UnsafeMutablePointer<Float>,
        secondMoment: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, secondScale: Float, variant: Variant = .automatic
    ) {
        trustregion_adam_step(
            trustregion_kernel_variant(UInt32(variant.rawValue)), count, parameters, firstMoment, secondMoment,
            gradient, beta1, beta2, epsilon, stepSize, secondScale)
    }
}
