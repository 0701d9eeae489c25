// The matrix-product loops of MatrixKernels.c, inlined into each instruction-set variant there.
// Private to the target (not in include/): the variants differ only in the compile-time block
// sizes they pass and the target attributes of the function that inlines these.
#ifndef TRUSTREGION_MATRIX_PRODUCT_BODY_H
#define TRUSTREGION_MATRIX_PRODUCT_BODY_H

#define MAX_ROWS 8
#define COLUMNS 16
/// The shared dimension is walked in chunks of this many p, so a chunk of B (K_CHUNK × the block's
/// columns: 32 KiB for 32 columns) stays in L1 while every row block of C passes over it.
#define K_CHUNK 256

#include "NarrowColumns.h"

/// The block of C at (i, j) of ROWS rows and WIDTH columns (compile-time constants after inlining),
/// held in registers while p walks first..<first+length: acc starts as C (or 0) and adds
/// a(i, p)·b(p, j) in order of p, so the chunks of p continue one sequential sum per element.
static inline __attribute__((always_inline)) void product_block(
    long i, long j, long length, const float *a, long ars, long acs, const float *b, long brs,
    float *c, long crs, int accumulate, const int ROWS, const int WIDTH)
{
    float acc[MAX_ROWS][2 * COLUMNS];
    for (int r = 0; r < ROWS; ++r)
        for (int q = 0; q < WIDTH; ++q) acc[r][q] = accumulate ? c[(i + r) * crs + j + q] : 0.0f;
    const float *ap = a + i * ars;
    const float *bp = b + j;
    for (long p = 0; p < length; ++p) {
        float av[MAX_ROWS];
        for (int r = 0; r < ROWS; ++r) av[r] = ap[r * ars];
        for (int q = 0; q < WIDTH; ++q) {
            const float bv = bp[q];
            for (int r = 0; r < ROWS; ++r) acc[r][q] += av[r] * bv;
        }
        ap += acs;
        bp += brs;
    }
    for (int r = 0; r < ROWS; ++r)
        for (int q = 0; q < WIDTH; ++q) c[(i + r) * crs + j + q] = acc[r][q];
}

/// Rows i..<i+ROWS of C's first `full` columns: blocks of WIDE columns (16 or 32), then one of 16.
static inline __attribute__((always_inline)) void product_rows(
    long i, long full, long length, const float *a, long ars, long acs, const float *b, long brs,
    float *c, long crs, int accumulate, const int ROWS, const int WIDE)
{
    long j = 0;
    for (; j + WIDE <= full; j += WIDE) product_block(i, j, length, a, ars, acs, b, brs, c, crs, accumulate, ROWS, WIDE);
    for (; j < full; j += COLUMNS) product_block(i, j, length, a, ars, acs, b, brs, c, crs, accumulate, ROWS, COLUMNS);
}

/// C (+)= A·B: for each chunk of p, blocks of ROWS rows (then 4, then 1) × WIDE columns over the
/// columns that fill vectors of 16, and `narrow_columns` for the rest. However the blocks fall,
/// each element of C is the same sequential sum over p, so the bits depend on neither the block
/// sizes nor the variant's choice of them (only on whether the variant fuses multiply–adds).
static inline __attribute__((always_inline)) void multiply_body(
    long m, long n, long k, const float *a, long ars, long acs, const float *b, long brs,
    float *c, long crs, int accumulate, const int ROWS, const int WIDE)
{
    const long full = n - n % COLUMNS;
    long start = 0;
    do {
        const long length = k - start < K_CHUNK ? k - start : K_CHUNK;
        const int chunkAccumulates = start == 0 ? accumulate : 1;
        const float *chunkA = a + start * acs, *chunkB = b + start * brs;
        long i = 0;
        for (; i + ROWS <= m; i += ROWS)
            product_rows(i, full, length, chunkA, ars, acs, chunkB, brs, c, crs, chunkAccumulates, ROWS, WIDE);
        for (; i + 4 <= m; i += 4)
            product_rows(i, full, length, chunkA, ars, acs, chunkB, brs, c, crs, chunkAccumulates, 4, WIDE);
        for (; i < m; ++i)
            product_rows(i, full, length, chunkA, ars, acs, chunkB, brs, c, crs, chunkAccumulates, 1, WIDE);
        start += K_CHUNK;
    } while (start < k);
    // Narrow columns in groups of WIDE / 4: 8 for AVX-512 (8 vectors of partial sums), 4 otherwise.
    if (full < n) narrow_columns(m, full, n, k, a, ars, acs, b, brs, c, crs, accumulate, WIDE / 4);
}

#endif
