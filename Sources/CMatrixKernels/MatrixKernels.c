// The matrix-product kernel of TrustRegion, compiled once per instruction set and chosen at run
// time. Swift has no per-function target features, and building the whole package for AVX2 would
// need unsafe compiler flags that bar it from being a dependency; a C target with clang's target
// attributes gives the vector units' full width with a portable build. The kernel itself is plain
// loops that clang vectorises: a block of C (4 × 16, or 8 × 16 with AVX-512's larger register
// file, enough independent accumulators to hide the FMA latency) lives in registers while p walks
// the shared dimension, so every loaded row of B feeds every row of the block.
#include "CMatrixKernels.h"

#define MAX_ROWS 8
#define COLUMNS 16

/// Σ_p x[p·xs]·y[p] in a fixed order: 16 interleaved partial sums, then a pairwise reduction.
static inline __attribute__((always_inline)) float lane_dot(const float *x, const float *y, long k)
{
    float lanes[COLUMNS] = {0};
    long p = 0;
    for (; p + COLUMNS <= k; p += COLUMNS)
        for (int l = 0; l < COLUMNS; ++l) lanes[l] += x[p + l] * y[p + l];
    float tail = 0.0f;
    for (; p < k; ++p) tail += x[p] * y[p];
    for (int width = COLUMNS / 2; width >= 1; width /= 2)
        for (int l = 0; l < width; ++l) lanes[l] += lanes[l + width];
    return lanes[0] + tail;
}

/// Columns first..<n of C, fewer than a vector's width (narrow layers such as a policy head).
/// Each element is computed the same way whatever rows are around it, so row splits stay
/// bit-neutral: with A's rows contiguous (a forward pass into a head), a lane-parallel dot product
/// over p against a gathered column of B; with A's columns contiguous (a head's weight gradient
/// Aᵀ·δ), sixteen rows of C at a time, each a sequential sum over p; otherwise scalar sums.
static inline __attribute__((always_inline)) void narrow_columns(
    long m, long first, long n, long k, const float *a, long ars, long acs, const float *b, long brs,
    float *c, long crs, int accumulate)
{
    for (long j = first; j < n; ++j) {
        if (acs == 1) {
            float column[256];
            for (long start = 0; start < k; start += 256) {
                const long length = k - start < 256 ? k - start : 256;
                for (long p = 0; p < length; ++p) column[p] = b[(start + p) * brs + j];
                for (long i = 0; i < m; ++i) {
                    const float partial = lane_dot(a + i * ars + start, column, length);
                    c[i * crs + j] = (start == 0 && !accumulate ? 0.0f : c[i * crs + j]) + partial;
                }
            }
            if (k == 0 && !accumulate)
                for (long i = 0; i < m; ++i) c[i * crs + j] = 0.0f;
        } else if (ars == 1) {
            long i = 0;
            for (; i + COLUMNS <= m; i += COLUMNS) {
                float acc[COLUMNS];
                for (int r = 0; r < COLUMNS; ++r) acc[r] = accumulate ? c[(i + r) * crs + j] : 0.0f;
                for (long p = 0; p < k; ++p) {
                    const float bv = b[p * brs + j];
                    const float *ap = a + p * acs + i;
                    for (int r = 0; r < COLUMNS; ++r) acc[r] += ap[r] * bv;
                }
                for (int r = 0; r < COLUMNS; ++r) c[(i + r) * crs + j] = acc[r];
            }
            for (; i < m; ++i) {
                float sum = accumulate ? c[i * crs + j] : 0.0f;
                for (long p = 0; p < k; ++p) sum += a[i + p * acs] * b[p * brs + j];
                c[i * crs + j] = sum;
            }
        } else {
            for (long i = 0; i < m; ++i) {
                float sum = accumulate ? c[i * crs + j] : 0.0f;
                for (long p = 0; p < k; ++p) sum += a[i * ars + p * acs] * b[p * brs + j];
                c[i * crs + j] = sum;
            }
        }
    }
}

/// C (+)= A·B with blocks of `ROWS` rows (a compile-time constant after inlining: 4 or 8).
static inline __attribute__((always_inline)) void multiply_body(
    long m, long n, long k, const float *a, long ars, long acs, const float *b, long brs,
    float *c, long crs, int accumulate, const int ROWS)
{
    const long full = n - n % COLUMNS;
    long i = 0;
    for (; i + ROWS <= m; i += ROWS) {
        for (long j = 0; j < full; j += COLUMNS) {
            float acc[MAX_ROWS][COLUMNS];
            for (int r = 0; r < ROWS; ++r)
                for (int q = 0; q < COLUMNS; ++q) acc[r][q] = accumulate ? c[(i + r) * crs + j + q] : 0.0f;
            const float *ap = a + i * ars;
            const float *bp = b + j;
            for (long p = 0; p < k; ++p) {
                float av[MAX_ROWS];
                for (int r = 0; r < ROWS; ++r) av[r] = ap[r * ars];
                for (int q = 0; q < COLUMNS; ++q) {
                    const float bv = bp[q];
                    for (int r = 0; r < ROWS; ++r) acc[r][q] += av[r] * bv;
                }
                ap += acs;
                bp += brs;
            }
            for (int r = 0; r < ROWS; ++r)
                for (int q = 0; q < COLUMNS; ++q) c[(i + r) * crs + j + q] = acc[r][q];
        }
    }
    for (; i < m; ++i) {
        for (long j = 0; j < full; j += COLUMNS) {
            float acc[COLUMNS];
            for (int q = 0; q < COLUMNS; ++q) acc[q] = accumulate ? c[i * crs + j + q] : 0.0f;
            const float *ap = a + i * ars;
            const float *bp = b + j;
            for (long p = 0; p < k; ++p) {
                const float a0 = ap[0];
                for (int q = 0; q < COLUMNS; ++q) acc[q] += a0 * bp[q];
                ap += acs;
                bp += brs;
            }
            for (int q = 0; q < COLUMNS; ++q) c[i * crs + j + q] = acc[q];
        }
    }
    if (full < n) narrow_columns(m, full, n, k, a, ars, acs, b, brs, c, crs, accumulate);
}

static inline __attribute__((always_inline)) void tanh_body(float *values, long count)
{
    const float bound = 7.90531110763549805f;
    for (long i = 0; i < count; ++i) {
        float x = values[i];
        x = x < -bound ? -bound : (x > bound ? bound : x);
        const float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * x;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        values[i] = p / q;
    }
}

static void tanh_baseline(float *values, long count) { tanh_body(values, count); }

static void multiply_baseline(
    long m, long n, long k, const float *a, long ars, long acs, const float *b, long brs, float *c, long crs,
    int accumulate)
{
    multiply_body(m, n, k, a, ars, acs, b, brs, c, crs, accumulate, 4);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define TRUSTREGION_HAS_X86_VARIANTS 1

__attribute__((target("avx2,fma"))) static void multiply_avx2(
    long m, long n, long k, const float *a, long ars, long acs, const float *b, long brs, float *c, long crs,
    int accumulate)
{
    multiply_body(m, n, k, a, ars, acs, b, brs, c, crs, accumulate, 4);
}

__attribute__((target("avx2,fma"))) static void tanh_avx2(float *values, long count) { tanh_body(values, count); }

__attribute__((target("avx512f,avx512vl,avx2,fma"))) static void tanh_avx512(float *values, long count)
{
    tanh_body(values, count);
}

__attribute__((target("avx512f,avx512vl,avx2,fma"))) static void multiply_avx512(
    long m, long n, long k, const float *a, long ars, long acs, const float *b, long brs, float *c, long crs,
    int accumulate)
{
    multiply_body(m, n, k, a, ars, acs, b, brs, c, crs, accumulate, 8);
}
#endif

int trustregion_kernel_supported(trustregion_kernel_variant variant)
{
    switch (variant) {
    case TRUSTREGION_KERNEL_AUTOMATIC:
    case TRUSTREGION_KERNEL_BASELINE:
        return 1;
#ifdef TRUSTREGION_HAS_X86_VARIANTS
    case TRUSTREGION_KERNEL_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case TRUSTREGION_KERNEL_AVX512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    default:
        return 0;
    }
}

trustregion_kernel_variant trustregion_kernel_selected(void)
{
    if (trustregion_kernel_supported(TRUSTREGION_KERNEL_AVX512)) return TRUSTREGION_KERNEL_AVX512;
    if (trustregion_kernel_supported(TRUSTREGION_KERNEL_AVX2)) return TRUSTREGION_KERNEL_AVX2;
    return TRUSTREGION_KERNEL_BASELINE;
}

void trustregion_multiply(
    trustregion_kernel_variant variant, long m, long n, long k, const float *a, long ars, long acs,
    const float *b, long brs, float *c, long crs, int accumulate)
{
    if (variant == TRUSTREGION_KERNEL_AUTOMATIC) variant = trustregion_kernel_selected();
    switch (variant) {
#ifdef TRUSTREGION_HAS_X86_VARIANTS
    case TRUSTREGION_KERNEL_AVX512:
        multiply_avx512(m, n, k, a, ars, acs, b, brs, c, crs, accumulate);
        return;
    case TRUSTREGION_KERNEL_AVX2:
        multiply_avx2(m, n, k, a, ars, acs, b, brs, c, crs, accumulate);
        return;
#endif
    default:
        multiply_baseline(m, n, k, a, ars, acs, b, brs, c, crs, accumulate);
        return;
    }
}

void trustregion_tanh(trustregion_kernel_variant variant, float *values, long count)
{
    if (variant == TRUSTREGION_KERNEL_AUTOMATIC) variant = trustregion_kernel_selected();
    switch (variant) {
#ifdef TRUSTREGION_HAS_X86_VARIANTS
    case TRUSTREGION_KERNEL_AVX512:
        tanh_avx512(values, count);
        return;
    case TRUSTREGION_KERNEL_AVX2:
        tanh_avx2(values, count);
        return;
#endif
    default:
        tanh_baseline(values, count);
        return;
    }
}
