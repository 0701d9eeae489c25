// Columns of C narrower than a vector (a policy's or critic's head, a narrow convolution), included by
// MatrixProductBody.h.
// A head's weight gradient Aᵀ·δ runs 64 rows of C at a time (four vectors of independent sums, so
// the multiply–add latency is hidden; one vector at a time waited on it, 4× slower); each element is
// still the same sequential sum over p, so the bits did not change.
#ifndef TRUSTREGION_NARROW_COLUMNS_H
#define TRUSTREGION_NARROW_COLUMNS_H

/// Sixteen floats as one value of clang's vector extension (one AVX-512 register, two AVX2 or
/// four SSE ones); `a += b * c` on it is each lane's own multiply–add, fused where the scalar
/// expression would be, so lane l computes what the scalar loops' lanes[l] did.
typedef float lane_vector __attribute__((ext_vector_type(COLUMNS)));

/// Sixteen floats from any address (a macro: a function returning the vector would warn of an ABI
/// change in the variants without AVX-512, though it is always inlined).
#define LOAD_LANES(target, source) __builtin_memcpy(&(target), (source), sizeof(lane_vector))

/// Σ_p x[p]·y[p] of one row x against GROUP columns y at once (`columns`, 256 apart), each in a
/// fixed order: sixteen interleaved partial sums (lane l takes p ≡ l mod 16), a sequential tail,
/// a pairwise reduction of the lanes, then lanes + tail — the order a one-column loop used, so
/// the bits are its bits. The group's independent sums hide one another's multiply–add latency
/// and x is read once for all of them (one column at a time waited on a single chain).
static inline __attribute__((always_inline)) void lane_dots(
    const float *x, const float *columns, long k, float *out, const int GROUP)
{
    lane_vector sums[8];
    for (int g = 0; g < GROUP; ++g) sums[g] = (lane_vector)0.0f;
    long p = 0;
    for (; p + COLUMNS <= k; p += COLUMNS) {
        lane_vector xv, yv;
        LOAD_LANES(xv, x + p);
        for (int g = 0; g < GROUP; ++g) {
            LOAD_LANES(yv, columns + g * 256 + p);
            sums[g] += xv * yv;
        }
    }
    for (int g = 0; g < GROUP; ++g) {
        float lanes[COLUMNS];
        __builtin_memcpy(lanes, &sums[g], sizeof lanes);
        float tail = 0.0f;
        for (long q = p; q < k; ++q) tail += x[q] * columns[g * 256 + q];
        for (int width = COLUMNS / 2; width >= 1; width /= 2)
            for (int l = 0; l < width; ++l) lanes[l] += lanes[l + width];
        out[g] = lanes[0] + tail;
    }
}

/// Columns j..<j+GROUP of C with A's rows contiguous: per 256-long chunk of p, the columns
/// gathered once, then every row's `lane_dots` against them.
static inline __attribute__((always_inline)) void narrow_column_group(
    long m, long j, long k, const float *a, long ars, const float *b, long brs, float *c, long crs,
    int accumulate, const int GROUP)
{
    float columns[8 * 256];
    for (long start = 0; start < k; start += 256) {
        const long length = k - start < 256 ? k - start : 256;
        for (int g = 0; g < GROUP; ++g)
            for (long p = 0; p < length; ++p) columns[g * 256 + p] = b[(start + p) * brs + j + g];
        for (long i = 0; i < m; ++i) {
            float partial[8];
            lane_dots(a + i * ars + start, columns, length, partial, GROUP);
            for (int g = 0; g < GROUP; ++g) {
                float *target = c + i * crs + j + g;
                *target = (start == 0 && !accumulate ? 0.0f : *target) + partial[g];
            }
        }
    }
    if (k == 0 && !accumulate)
        for (long i = 0; i < m; ++i)
            for (int g = 0; g < GROUP; ++g) c[i * crs + j + g] = 0.0f;
}

/// Rows i..<i+16·BLOCKS of C's columns j..<j+PAIR (1 or 2) from Aᵀ (ars == 1): one sequential
/// sum over p per element; a pair of columns reads A's rows once for both.
static inline __attribute__((always_inline)) void narrow_transposed_block(
    long i, long j, long k, const float *a, long acs, const float *b, long brs, float *c, long crs,
    int accumulate, const int BLOCKS, const int PAIR)
{
    lane_vector acc[2][4];
    for (int q = 0; q < PAIR; ++q)
        for (int v = 0; v < BLOCKS; ++v)
            for (int l = 0; l < COLUMNS; ++l)
                acc[q][v][l] = accumulate ? c[(i + v * COLUMNS + l) * crs + j + q] : 0.0f;
    for (long p = 0; p < k; ++p) {
        const float *ap = a + p * acs + i;
        for (int q = 0; q < PAIR; ++q) {
            const float bv = b[p * brs + j + q];
            for (int v = 0; v < BLOCKS; ++v) {
                lane_vector av;
                LOAD_LANES(av, ap + v * COLUMNS);
                acc[q][v] += av * bv;
            }
        }
    }
    for (int q = 0; q < PAIR; ++q)
        for (int v = 0; v < BLOCKS; ++v)
            for (int l = 0; l < COLUMNS; ++l) c[(i + v * COLUMNS + l) * crs + j + q] = acc[q][v][l];
}

/// C's element (i, j) as one sequential sum over p: the rows and layouts no block covers.
static inline __attribute__((always_inline)) void scalar_element(
    long i, long j, long k, const float *a, long ars, long acs, const float *b, long brs, float *c, long crs,
    int accumulate)
{
    float sum = accumulate ? c[i * crs + j] : 0.0f;
    for (long p = 0; p < k; ++p) sum += a[i * ars + p * acs] * b[p * brs + j];
    c[i * crs + j] = sum;
}

/// Columns first..<n of C, fewer than a vector's width (narrow layers such as a policy head).
/// Each element is computed the same way whatever rows are around it, so row splits stay
/// bit-neutral: with A's rows contiguous (a forward pass into a head, cnn_small's 8-filter first
/// layer), a lane-parallel dot product over p against gathered columns of B, GROUP columns per
/// read of a row of A; with A's columns contiguous (a weight gradient Aᵀ·δ), sixteen rows of C
/// and two columns at a time, each a sequential sum over p; otherwise scalar sums.
static inline __attribute__((always_inline)) void narrow_columns(
    long m, long first, long n, long k, const float *a, long ars, long acs, const float *b, long brs,
    float *c, long crs, int accumulate, const int GROUP)
{
    if (acs == 1) {
        // Columns in groups of GROUP (8 where registers allow), then 4, 2 and 1.
        long j = first;
        for (; j + GROUP <= n; j += GROUP) narrow_column_group(m, j, k, a, ars, b, brs, c, crs, accumulate, GROUP);
        for (; j + 4 <= n; j += 4) narrow_column_group(m, j, k, a, ars, b, brs, c, crs, accumulate, 4);
        for (; j + 2 <= n; j += 2) narrow_column_group(m, j, k, a, ars, b, brs, c, crs, accumulate, 2);
        for (; j < n; ++j) narrow_column_group(m, j, k, a, ars, b, brs, c, crs, accumulate, 1);
        return;
    }
    if (ars == 1) {
        // Columns in pairs, then a last single one.
        for (long j = first; j < n;) {
            const int pair = j + 1 < n;
            long i = 0;
            for (; i + 64 <= m; i += 64) {
                if (pair) narrow_transposed_block(i, j, k, a, acs, b, brs, c, crs, accumulate, 4, 2);
                else narrow_transposed_block(i, j, k, a, acs, b, brs, c, crs, accumulate, 4, 1);
            }
            for (; i + 16 <= m; i += 16) {
                if (pair) narrow_transposed_block(i, j, k, a, acs, b, brs, c, crs, accumulate, 1, 2);
                else narrow_transposed_block(i, j, k, a, acs, b, brs, c, crs, accumulate, 1, 1);
            }
            for (; i < m; ++i)
                for (long column = j; column <= j + pair; ++column)
                    scalar_element(i, column, k, a, 1, acs, b, brs, c, crs, accumulate);
            j += 1 + pair;
        }
        return;
    }
    for (long j = first; j < n; ++j)
        for (long i = 0; i < m; ++i) scalar_element(i, j, k, a, ars, acs, b, brs, c, crs, accumulate);
}

#endif
