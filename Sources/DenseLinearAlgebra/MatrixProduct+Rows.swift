internal import CMatrixKernels

// MARK: - The steps around the products

/// The small row and column operations of a network's passes, in `CMatrixKernels` (ElementwiseKernels.c)
/// for the variant's vector width. Each element gets the same operations in the same order as a plain
/// Swift loop over it (sums over rows in row order, no fused multiply–adds), so the bits do not
/// depend on the variant.
extension MatrixProduct {
    /// Writes the transpose of the row-major `rows × columns` matrix `source` into `destination`
    /// (columns × rows), in 16 × 16 tiles, so that a tile's strided reads and writes each stay within
    /// a few cache lines.
    public static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>,
        variant: Variant = .automatic
    ) {
        trustregion_transpose(trustregion_kernel_variant(UInt32(variant.rawValue)), rows, columns, source, destination)
    }

    /// Writes `row` (`columns` values) into each of `rows` rows of the row-major `destination` (a
    /// layer's bias before its product accumulates onto it).
    public static func broadcastRows(
        _ row: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>,
        variant: Variant = .automatic
    ) {
        trustregion_broadcast_rows(trustregion_kernel_variant(UInt32(variant.rawValue)), rows, columns, row, destination)
    }

    /// sums[c] += Σ_r matrix[r·columns + c] over the row-major `rows × columns` matrix, each sum
    /// adding its rows in row order (a bias gradient Σ_r z̄_r).
    public static func addColumnSums(
        of matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>,
        variant: Variant = .automatic
    ) {
        trustregion_column_sums(trustregion_kernel_variant(UInt32(variant.rawValue)), rows, columns, matrix, sums)
    }

    /// gradient[i] ← gradient[i]·(1 − output[i]²) for `count` values: tanh's derivative written in
    /// terms of its output, each operation rounded on its own.
    public static func multiplyByTanhDerivative(
        _ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int, variant: Variant = .automatic
    ) {
        trustregion_tanh_derivative(trustregion_kernel_variant(UInt32(variant.rawValue)), count, gradient, output)
    }

    /// values[i] ← max(values[i], 0) for `count` values, as Swift's `max(v, 0)` (NaN stays, −0 becomes +0).
    public static func relu(_ values: UnsafeMutablePointer<Float>, count: Int, variant: Variant = .automatic) {
        trustregion_relu(trustregion_kernel_variant(UInt32(variant.rawValue)), values, count)
    }

    /// gradient[i] ← 0 where output[i] ≤ 0, for `count` values: ReLU's derivative written in terms
    /// of its output (a NaN output keeps its gradient, as `output <= 0` is false).
    public static func multiplyByReLUDerivative(
        _ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int, variant: Variant = .automatic
    ) {
        trustregion_relu_derivative(trustregion_kernel_variant(UInt32(variant.rawValue)), count, gradient, output)
    }
}

// MARK: - Patches of byte images

extension MatrixProduct {
    /// im2col of `rows` byte images (each height × width × channels values, channels first when
    /// `channelsFirst`) for a kernelHeight × kernelWidth kernel at `stride` over outputHeight ×
    /// outputWidth positions: each patch a run per (channel, kernel row) channels first, per kernel
    /// row channels last, every value Float(byte) · scale (PatchKernel.c).
    public static func gatherBytePatches(
        _ source: UnsafePointer<UInt8>, rows: Int, height: Int, width: Int, channels: Int, channelsFirst: Bool,
        kernelHeight: Int, kernelWidth: Int, stride: Int, outputHeight: Int, outputWidth: Int, scale: Float,
        into columns: UnsafeMutablePointer<Float>, variant: Variant = .automatic
    ) {
        var geometry = trustregion_patch_geometry(
            height: height, width: width, channels: channels, kernel_height: kernelHeight, kernel_width: kernelWidth,
            stride: stride, output_height: outputHeight, output_width: outputWidth,
            channels_first: channelsFirst ? 1 : 0)
        trustregion_gather_byte_patches(
            trustregion_kernel_variant(UInt32(variant.rawValue)), &geometry, rows, source, columns, scale)
    }
}
