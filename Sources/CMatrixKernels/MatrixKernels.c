// The matrix-product kernel of TrustRegion, compiled once per instruction set and chosen at run
// time. Swift has no per-function target features, and building the whole package for AVX2 would
// need unsafe compiler flags that bar it from being a dependency; a C target with clang's target
// attributes gives the vector units' full width with a portable build. The kernel itself is plain
// loops that clang vectorises (MatrixProductBody.h): a block of C (4 × 16, or 8 × 32 with
// AVX-512's larger register file, enough independent accumulators to hide the FMA latency) lives
// in registers while p walks a chunk of the shared dimension, so every loaded row of B feeds every
// row of the block.
#include "CMatrixKernels.h"
#include "MatrixProductBody.h"

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
    multiply_body(m, n, k, a, ars, acs, b, brs, c, crs, accumulate, 4, COLUMNS);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define TRUSTREGION_HAS_X86_VARIANTS 1

__attribute__((target("avx2,fma"))) static void multiply_avx2(
    long m, long n, long k, const float *a, long ars, long acs, const float *b, long brs, float *c, long crs,
    int accumulate)
{
    multiply_body(m, n, k, a, ars, acs, b, brs, c, crs, accumulate, 4, COLUMNS);
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
    // 8 rows × 32 columns: 16 of the 32 vector registers accumulate, and each loaded A value feeds
    // two vectors of B, so loads no longer limit the multiply–adds as with 8 × 16.
    multiply_body(m, n, k, a, ars, acs, b, brs, c, crs, accumulate, 8, 2 * COLUMNS);
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
