#ifndef TRUSTREGION_CMATRIXKERNELS_H
#define TRUSTREGION_CMATRIXKERNELS_H

/// The instruction-set variants of the matrix-product kernel.
typedef enum {
    TRUSTREGION_KERNEL_AUTOMATIC = 0,  ///< the best variant this processor supports
    TRUSTREGION_KERNEL_BASELINE = 1,   ///< the compilation target's baseline (SSE2 on x86-64)
    TRUSTREGION_KERNEL_AVX2 = 2,       ///< AVX2 with FMA (x86-64)
    TRUSTREGION_KERNEL_AVX512 = 3,     ///< AVX-512F/VL with FMA (x86-64)
} trustregion_kernel_variant;

/// Whether this processor can run `variant`.
int trustregion_kernel_supported(trustregion_kernel_variant variant);

/// The variant TRUSTREGION_KERNEL_AUTOMATIC resolves to on this processor.
trustregion_kernel_variant trustregion_kernel_selected(void);

/// C[m×n] (+)= A·B, where A's element (i, p) is a[i·a_row_stride + p·a_column_stride], B is
/// row-major k×n with leading dimension b_row_stride, and C row-major with leading dimension
/// c_row_stride. Each element of C is one sequential sum over p, whatever the variant's vector
/// width, so row blocks of C are independent of how the rows are split.
void trustregion_multiply(
    trustregion_kernel_variant variant, long m, long n, long k,
    const float *a, long a_row_stride, long a_column_stride,
    const float *b, long b_row_stride,
    float *c, long c_row_stride, int accumulate);

/// Replaces each of `count` values by tanh(x) ≈ x·P(x²)/Q(x²) (|x| clamped to 7.9053, where
/// float tanh is ±1): the odd 13th-degree / even 6th-degree rational minimax fit that Eigen and
/// XNNPACK use, absolute error below 1e-6. Every variant evaluates the same expression per element.
/// One Adam step over `count` parameters (AdamKernel.c): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − step_size·m / (√v · second_scale + ε), each operation rounded on its own (no contraction).
void trustregion_adam_step(
    trustregion_kernel_variant variant, long count, float *theta, float *first_moment, float *second_moment,
    const float *gradient, float beta1, float beta2, float epsilon, float step_size, float second_scale);

void trustregion_tanh(trustregion_kernel_variant variant, float *values, long count);

/// destination[r·columns + c] = row[c] for rows × columns (a bias written into every row).
void trustregion_broadcast_rows(
    trustregion_kernel_variant variant, long rows, long columns, const float *row, float *destination);

/// sums[c] += Σ_r matrix[r·columns + c], each sum adding its rows in row order (a bias gradient).
void trustregion_column_sums(
    trustregion_kernel_variant variant, long rows, long columns, const float *matrix, float *sums);

/// destination (columns × rows) = the transpose of the row-major rows × columns `source`.
void trustregion_transpose(
    trustregion_kernel_variant variant, long rows, long columns, const float *source, float *destination);

/// gradient[i] ← gradient[i] · (1 − output[i]²), each operation rounded on its own (tanh's derivative
/// from its output, as Swift's loop computes it).
void trustregion_tanh_derivative(
    trustregion_kernel_variant variant, long count, float *gradient, const float *output);

/// values[i] ← max(values[i], 0) as Swift's `max(v, 0)` computes it (NaN stays, −0 becomes +0).
void trustregion_relu(trustregion_kernel_variant variant, float *values, long count);

/// gradient[i] ← 0 where output[i] ≤ 0 (ReLU's derivative from its output; a NaN output keeps its gradient).
void trustregion_relu_derivative(
    trustregion_kernel_variant variant, long count, float *gradient, const float *output);

/// The shape of one convolution stage's patches (im2col): input height × width × channels, a
/// kernel_height × kernel_width kernel at `stride`, output_height × output_width positions; the
/// input is channels first (C × H × W) when `channels_first`, else H × W × C.
typedef struct {
    long height, width, channels, kernel_height, kernel_width, stride, output_height, output_width;
    int channels_first;
} trustregion_patch_geometry;

/// The patches of `rows` byte inputs into `columns` (rows · positions × kernel values, each patch a
/// run per (channel, kernel row) channels first, per kernel row channels last): (float)byte · scale.
void trustregion_gather_byte_patches(
    trustregion_kernel_variant variant, const trustregion_patch_geometry *geometry, long rows,
    const unsigned char *source, float *columns, float scale);

/// Each of `count` floats as a byte, returning 1 if every one was a whole number 0…255 (−0 counts
/// as 0) and 0 otherwise, when the bytes written are not to be used (ByteConversionKernel.c).
int trustregion_floats_to_bytes(const float *source, unsigned char *destination, long count);

#endif
