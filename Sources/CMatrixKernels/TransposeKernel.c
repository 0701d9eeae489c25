// The weight transpose of the pullback (A·Bᵀ needs Bᵀ row-major), per instruction set. clang turned
// the plain tiled loop into gathers and scatters, 1.7 µs for a 64 × 64 matrix; with AVX the 8 × 8
// tiles are transposed in registers (8 loads, 24 shuffles, 8 stores), 0.2 µs. Pure data movement:
// every variant writes the same values.
#include "CMatrixKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#endif

/// Elements (r, c) of rows r0..<r1 and columns c0..<c1, one at a time.
static inline __attribute__((always_inline)) void transpose_scalar(
    long rows, long columns, const float *source, float *destination, long r0, long r1, long c0, long c1)
{
    for (long c = c0; c < c1; ++c)
#pragma clang loop vectorize(disable)
        for (long r = r0; r < r1; ++r) destination[c * rows + r] = source[r * columns + c];
}

static void transpose_baseline(long rows, long columns, const float *source, float *destination)
{
    for (long r0 = 0; r0 < rows; r0 += 8)
        for (long c0 = 0; c0 < columns; c0 += 8)
            transpose_scalar(rows, columns, source, destination, r0, r0 + 8 < rows ? r0 + 8 : rows, c0,
                c0 + 8 < columns ? c0 + 8 : columns);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
/// Full 8 × 8 tiles in AVX registers (unpack, shuffle, then swap 128-bit halves); the edges scalar.
__attribute__((target("avx2,fma"))) static void transpose_avx(
    long rows, long columns, const float *source, float *destination)
{
    long r0 = 0;
    for (; r0 + 8 <= rows; r0 += 8) {
        long c0 = 0;
        for (; c0 + 8 <= columns; c0 += 8) {
            __m256 r[8], t[8];
            for (int i = 0; i < 8; ++i) r[i] = _mm256_loadu_ps(source + (r0 + i) * columns + c0);
            for (int i = 0; i < 8; i += 2) {
                t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
                t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
            }
            for (int i = 0; i < 8; i += 4) {
                r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
                r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
                r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
                r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
            }
            for (int i = 0; i < 4; ++i) {
                t[i] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x20);
                t[i + 4] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x31);
            }
            for (int i = 0; i < 8; ++i) _mm256_storeu_ps(destination + (c0 + i) * rows + r0, t[i]);
        }
        transpose_scalar(rows, columns, source, destination, r0, r0 + 8, c0, columns);
    }
    transpose_scalar(rows, columns, source, destination, r0, rows, 0, columns);
}
#endif

void trustregion_transpose(
    trustregion_kernel_variant variant, long rows, long columns, const float *source, float *destination)
{
    if (variant == TRUSTREGION_KERNEL_AUTOMATIC) variant = trustregion_kernel_selected();
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (variant == TRUSTREGION_KERNEL_AVX512 || variant == TRUSTREGION_KERNEL_AVX2) {
        transpose_avx(rows, columns, source, destination);
        return;
    }
#endif
    transpose_baseline(rows, columns, source, destination);
}
