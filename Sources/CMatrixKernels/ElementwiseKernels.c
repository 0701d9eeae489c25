// The small elementwise steps around the MLP's matrix products (bias rows, column sums, the tanh
// derivative; the weight transpose is TransposeKernel.c), compiled per instruction set like the matrix kernel. In Swift
// they ran 4 wide (the package's baseline target) or, for the bias rows, one memmove per row, and
// together took a sixth of PPO's CartPole time. Contraction is off and every element keeps its own
// operations in its own order (sums run over rows in row order), so the bits are those of the
// Swift loops they replace.
#include "CMatrixKernels.h"

#pragma clang fp contract(off)

/// One row's copy per row, in vectors. `no_builtin` (on the variants below) stops clang from
/// recognising the loop as memcpy and calling the library once per row (256 calls per pass).
static inline __attribute__((always_inline)) void broadcast_rows_body(
    long rows, long columns, const float *restrict row, float *restrict destination)
{
    typedef float lanes16 __attribute__((vector_size(64), aligned(4)));
    for (long r = 0; r < rows; ++r) {
        float *target = destination + r * columns;
        long c = 0;
        for (; c + 16 <= columns; c += 16) *(lanes16 *)(target + c) = *(const lanes16 *)(row + c);
#pragma clang loop vectorize(disable)
        for (; c < columns; ++c) target[c] = row[c];
    }
}

static inline __attribute__((always_inline)) void column_sums_body(
    long rows, long columns, const float *restrict matrix, float *restrict sums)
{
    // Blocks of 64 columns held in registers while the rows pass: each sum still adds its rows in
    // row order, starting from its previous value.
    long start = 0;
    for (; start + 64 <= columns; start += 64) {
        float accumulator[64];
        for (int c = 0; c < 64; ++c) accumulator[c] = sums[start + c];
        for (long r = 0; r < rows; ++r)
            for (int c = 0; c < 64; ++c) accumulator[c] += matrix[r * columns + start + c];
        for (int c = 0; c < 64; ++c) sums[start + c] = accumulator[c];
    }
    for (long r = 0; r < rows; ++r)
        for (long c = start; c < columns; ++c) sums[c] += matrix[r * columns + c];
}

static inline __attribute__((always_inline)) void tanh_derivative_body(
    long count, float *restrict gradient, const float *restrict output)
{
    for (long i = 0; i < count; ++i) gradient[i] *= 1.0f - output[i] * output[i];
}

#define NO_MEMCPY __attribute__((no_builtin("memcpy")))

// One function per instruction set and operation, and a dispatcher like trustregion_multiply's.
#define VARIANTS(name, parameters, arguments)                                                        \
    NO_MEMCPY static void name##_baseline parameters { name##_body arguments; }                             \
    X86_VARIANTS(name, parameters, arguments)                                                      \
    static void name##_dispatch(trustregion_kernel_variant variant, long rows, long columns,        \
        const float *input, float *output)                                                         \
    {                                                                                              \
        if (variant == TRUSTREGION_KERNEL_AUTOMATIC) variant = trustregion_kernel_selected();      \
        X86_DISPATCH(name)                                                                         \
        name##_baseline(rows, columns, input, output);                                             \
    }

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define X86_VARIANTS(name, parameters, arguments)                                                  \
    NO_MEMCPY __attribute__((target("avx2,fma"))) static void name##_avx2 parameters { name##_body arguments; } \
    NO_MEMCPY __attribute__((target("avx512f,avx512vl,avx2,fma"))) static void name##_avx512 parameters \
    {                                                                                              \
        name##_body arguments;                                                                     \
    }
#define X86_DISPATCH(name)                                                                         \
    if (variant == TRUSTREGION_KERNEL_AVX512) { name##_avx512(rows, columns, input, output); return; } \
    if (variant == TRUSTREGION_KERNEL_AVX2) { name##_avx2(rows, columns, input, output); return; }
#else
#define X86_VARIANTS(name, parameters, arguments)
#define X86_DISPATCH(name)
#endif

// Every operation as (rows, columns, input, output); the tanh derivative uses columns as its count.
#define PARAMETERS (long rows, long columns, const float *restrict input, float *restrict output)
VARIANTS(broadcast_rows, PARAMETERS, (rows, columns, input, output))
VARIANTS(column_sums, PARAMETERS, (rows, columns, input, output))
static inline __attribute__((always_inline)) void derivative_body(
    long rows, long columns, const float *restrict output, float *restrict gradient)
{
    tanh_derivative_body(rows * columns, gradient, output);
}
VARIANTS(derivative, PARAMETERS, (rows, columns, input, output))

// ReLU and its derivative from the output, as Swift's `max(v, 0)` (0 ≥ v ? 0 : v: NaN stays, −0
// becomes +0) and `output ≤ 0 ? 0 : gradient` (a NaN output keeps its gradient): selects, no arithmetic.
static inline __attribute__((always_inline)) void relu_body(
    long rows, long columns, const float *restrict unused, float *restrict values)
{
    (void)unused;
    for (long i = 0; i < rows * columns; ++i) values[i] = 0.0f >= values[i] ? 0.0f : values[i];
}
VARIANTS(relu, PARAMETERS, (rows, columns, input, output))
static inline __attribute__((always_inline)) void relu_derivative_body(
    long rows, long columns, const float *restrict output, float *restrict gradient)
{
    for (long i = 0; i < rows * columns; ++i) gradient[i] = output[i] <= 0.0f ? 0.0f : gradient[i];
}
VARIANTS(relu_derivative, PARAMETERS, (rows, columns, input, output))

void trustregion_relu(trustregion_kernel_variant variant, float *values, long count)
{
    relu_dispatch(variant, 1, count, 0, values);
}

void trustregion_relu_derivative(
    trustregion_kernel_variant variant, long count, float *gradient, const float *output)
{
    relu_derivative_dispatch(variant, 1, count, output, gradient);
}

void trustregion_broadcast_rows(
    trustregion_kernel_variant variant, long rows, long columns, const float *row, float *destination)
{
    broadcast_rows_dispatch(variant, rows, columns, row, destination);
}

void trustregion_column_sums(
    trustregion_kernel_variant variant, long rows, long columns, const float *matrix, float *sums)
{
    column_sums_dispatch(variant, rows, columns, matrix, sums);
}

void trustregion_tanh_derivative(
    trustregion_kernel_variant variant, long count, float *gradient, const float *output)
{
    derivative_dispatch(variant, 1, count, output, gradient);
}
