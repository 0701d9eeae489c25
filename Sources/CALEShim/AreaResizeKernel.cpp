// OpenCV's INTER_AREA shrink by a plan of blocks (include/ScreenKernels.h), bit for bit as the
// term-by-term loop of AreaResize+TermByTerm.swift: every product and sum is rounded on its own
// (no contraction into fused multiply-adds), each output element's taps are summed in OpenCV's
// order (its first `0 + s·w` is `s·w`, and a padded tap adds +0 to a non-negative sum), and a
// source row's horizontal pass is reused while consecutive y terms read it. The AVX-512 variant
// computes 16 output elements of a block at once: its taps pick from a 32-byte window of the
// row, converted to floats, with one permute each.
#include "ScreenKernels.h"

#include <cmath>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#pragma clang fp contract(off)

namespace {

constexpr long lanes = 16;

long roundedUp(long count) { return (count + lanes - 1) / lanes * lanes; }

/// OpenCV's `saturate_cast<uchar>(float)`: round half to even, clamp to 0...255.
uint8_t saturatingRound(float value) {
    const float rounded = std::nearbyint(value);
    if (rounded <= 0) return 0;
    if (rounded >= 255) return 255;
    return uint8_t(rounded);
}

void horizontalPortable(const ale_shim_area_resize_plan &plan, const uint8_t *row, float *rowBuffer) {
    const long taps = plan.tap_count, stride = 3 + lanes * taps;
    for (long block = 0; block < plan.block_count; ++block) {
        const int32_t *integers = plan.block_integers + block * stride;
        const float *weights = plan.block_weights + block * lanes * taps;
        const uint8_t *window = row + integers[2];
        for (long lane = 0; lane < integers[1]; ++lane) {
            float sum = float(window[integers[3 + lane]]) * weights[lane];
            for (long tap = 1; tap < taps; ++tap) {
                sum += float(window[integers[3 + tap * lanes + lane]]) * weights[tap * lanes + lane];
            }
            rowBuffer[integers[0] + lane] = sum;
        }
    }
}

void verticalPortable(long count, float beta, const float *rowBuffer, float *sums, bool restart) {
    for (long index = 0; index < count; ++index) sums[index] = restart ? beta * rowBuffer[index] : sums[index] + beta * rowBuffer[index];
}

void storePortable(long count, const float *sums, uint8_t *output) {
    for (long index = 0; index < count; ++index) output[index] = saturatingRound(sums[index]);
}

#if defined(__x86_64__)
#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl")))

/// 16 bytes at `bytes` (only the first `available`, the rest read as 0) as floats.
AVX512_TARGET inline __m512 floatsOf(const uint8_t *bytes, long available) {
    const __mmask16 mask = available >= lanes ? __mmask16(0xFFFF) : available <= 0 ? __mmask16(0)
                                                                                  : __mmask16((1u << available) - 1);
    return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(mask, bytes)));
}

AVX512_TARGET void horizontalAVX512(const ale_shim_area_resize_plan &plan, const uint8_t *row, float *rowBuffer) {
    const long width = plan.source_row_width, taps = plan.tap_count, stride = 3 + lanes * taps;
    for (long block = 0; block < plan.block_count; ++block) {
        const int32_t *integers = plan.block_integers + block * stride;
        const float *weights = plan.block_weights + block * lanes * taps;
        // The window's 32 bytes straight from the row (masked at its end): converting the row to
        // floats in memory first would make every window load straddle two fresh stores.
        const long base = integers[2];
        const __m512 low = floatsOf(row + base, width - base);
        const __m512 high = floatsOf(row + base + lanes, width - base - lanes);
        __m512 sum = _mm512_mul_ps(
            _mm512_permutex2var_ps(low, _mm512_loadu_si512(integers + 3), high), _mm512_loadu_ps(weights));
        for (long tap = 1; tap < taps; ++tap) {
            const __m512 picked = _mm512_permutex2var_ps(low, _mm512_loadu_si512(integers + 3 + tap * lanes), high);
            sum = _mm512_add_ps(sum, _mm512_mul_ps(picked, _mm512_loadu_ps(weights + tap * lanes)));
        }
        _mm512_mask_storeu_ps(rowBuffer + integers[0], __mmask16((1u << integers[1]) - 1), sum);
    }
}

AVX512_TARGET void verticalAVX512(long count, float beta, const float *rowBuffer, float *sums, bool restart) {
    const __m512 scale = _mm512_set1_ps(beta);
    for (long index = 0; index < roundedUp(count); index += lanes) {
        const __m512 product = _mm512_mul_ps(scale, _mm512_loadu_ps(rowBuffer + index));
        _mm512_storeu_ps(sums + index, restart ? product : _mm512_add_ps(_mm512_loadu_ps(sums + index), product));
    }
}

AVX512_TARGET void storeAVX512(long count, const float *sums, uint8_t *output) {
    for (long index = 0; index < count; index += lanes) {
        const __mmask16 mask = count - index >= lanes ? __mmask16(0xFFFF) : __mmask16((1u << (count - index)) - 1);
        // Round to nearest even (the default rounding mode), then clamp to 0...255.
        __m512i rounded = _mm512_cvtps_epi32(_mm512_loadu_ps(sums + index));
        rounded = _mm512_min_epi32(_mm512_max_epi32(rounded, _mm512_setzero_si512()), _mm512_set1_epi32(255));
        _mm512_mask_cvtepi32_storeu_epi8(output + index, mask, rounded);
    }
}
#endif

/// The resize with one variant's three passes.
template <typename Horizontal, typename Vertical, typename Store>
void resize(const ale_shim_area_resize_plan &plan, const uint8_t *source, uint8_t *destination, float *scratch,
            Horizontal horizontal, Vertical vertical, Store store) {
    const long rowWidth = plan.row_width;
    float *rowBuffer = scratch;
    float *sums = rowBuffer + roundedUp(rowWidth);
    if (plan.y_term_count == 0) return;
    std::memset(sums, 0, sizeof(float) * roundedUp(rowWidth));
    long previousRow = plan.y_integers[0];
    long heldSourceRow = -1;
    for (long term = 0; term < plan.y_term_count; ++term) {
        const long row = plan.y_integers[2 * term], sourceRow = plan.y_integers[2 * term + 1];
        if (sourceRow != heldSourceRow) {
            horizontal(plan, source + sourceRow * plan.source_row_width, rowBuffer);
            heldSourceRow = sourceRow;
        }
        const bool restart = row != previousRow;
        if (restart) {
            store(rowWidth, sums, destination + previousRow * rowWidth);
            previousRow = row;
        }
        vertical(rowWidth, plan.y_weights[term], rowBuffer, sums, restart);
    }
    store(rowWidth, sums, destination + previousRow * rowWidth);
}

}  // namespace

extern "C" {

long ale_shim_area_resize_scratch_count(const ale_shim_area_resize_plan *plan) {
    return 2 * roundedUp(plan->row_width);
}

void ale_shim_area_resize(ale_shim_kernel_variant variant, const ale_shim_area_resize_plan *plan,
                          const uint8_t *source, uint8_t *destination, float *scratch) {
#if defined(__x86_64__)
    if (variant != ALE_SHIM_KERNEL_PORTABLE && ale_shim_kernel_supported(ALE_SHIM_KERNEL_AVX512VBMI)) {
        resize(*plan, source, destination, scratch, horizontalAVX512, verticalAVX512, storeAVX512);
        return;
    }
#endif
    resize(*plan, source, destination, scratch, horizontalPortable, verticalPortable, storePortable);
}

}  // extern "C"
