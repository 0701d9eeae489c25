// Columns of C narrower than a vector (a policy's or critic's head), included by MatrixProductBody.h.
// A head's weight gradient Aᵀ·δ runs 64 rows of C at a time (four vectors of independent sums, so
// the multiply–add latency is hidden; one vector at a time waited on it, 4× slower); each element is
// still the same sequential sum over p, so the bits did not change.
#ifndef TRUSTREGION_NARROW_COLUMNS_H
#define TRUSTREGION_NARROW_COLUMNS_H

/// Σ_p x[p]·y[p] in a fixed order: 16 interleaved partial sums, then a pairwise reduction.
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

/// Rows i..<i+16·BLOCKS of C's column j from Aᵀ (ars == 1): one sequential sum over p per element.
static inline __attribute__((always_inline)) void narrow_transposed_block(
    long i, long j, long k, const float *a, long acs, const float *b, long brs, float *c, long crs,
    int accumulate, const int BLOCKS)
{
    float acc[4 * COLUMNS];
    for (int r = 0; r < BLOCKS * COLUMNS; ++r) acc[r] = accumulate ? c[(i + r) * crs + j] : 0.0f;
    for (long p = 0; p < k; ++p) {
        const float bv = b[p * brs + j];
        const float *ap = a + p * acs + i;
        for (int r = 0; r < BLOCKS * COLUMNS; ++r) acc[r] += ap[r] * bv;
    }
    for (int r = 0; r < BLOCKS * COLUMNS; ++r) c[(i + r) * crs + j] = acc[r];
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
            for (; i + 64 <= m; i += 64) narrow_transposed_block(i, j, k, a, acs, b, brs, c, crs, accumulate, 4);
            for (; i + 16 <= m; i += 16) narrow_transposed_block(i, j, k, a, acs, b, brs, c, crs, accumulate, 1);
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

#endif
