// The screen kernels of include/ScreenKernels.h. A palette lookup is a table lookup per pixel;
// ALE's own loop (ColourPalette::applyPaletteRGB) stores three bytes per pixel one at a time,
// about a tenth of a raw step's time. The portable variant stores each pixel's three bytes with
// one 4-byte store (the next pixel overwrites the fourth); the AVX-512 VBMI variant looks up 64
// pixels at once with byte permutes over the 256-entry tables and interleaves R, G and B with
// two more permutes per 64 output bytes.
#include "ScreenKernels.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace {

void rgbPortable(const ale_shim_palette *palette, const uint8_t *indices, size_t count, uint8_t *rgb) {
    if (count == 0) return;
    uint32_t packed[256];
    for (int entry = 0; entry < 256; ++entry) {
        packed[entry] = uint32_t(palette->red[entry]) | uint32_t(palette->green[entry]) << 8
            | uint32_t(palette->blue[entry]) << 16;
    }
    // Little-endian 4-byte stores: red, green, blue, then a byte the next pixel overwrites.
    for (size_t pixel = 0; pixel + 1 < count; ++pixel) std::memcpy(rgb + 3 * pixel, &packed[indices[pixel]], 4);
    const uint8_t last = indices[count - 1];
    uint8_t *tail = rgb + 3 * (count - 1);
    tail[0] = palette->red[last];
    tail[1] = palette->green[last];
    tail[2] = palette->blue[last];
}

void grayPortable(const ale_shim_palette *palette, const uint8_t *indices, size_t count, uint8_t *gray) {
    for (size_t pixel = 0; pixel < count; ++pixel) gray[pixel] = palette->gray[indices[pixel]];
}

#if defined(__x86_64__)
#define VBMI_TARGET __attribute__((target("avx512f,avx512bw,avx512vbmi")))

/// A 256-entry byte table as four 64-byte vectors.
struct VectorTable {
    __m512i quarter[4];
};

VBMI_TARGET VectorTable loadTable(const uint8_t *table) {
    VectorTable result;
    for (int quarter = 0; quarter < 4; ++quarter) result.quarter[quarter] = _mm512_loadu_si512(table + 64 * quarter);
    return result;
}

/// table[index] for 64 indices: two 128-entry permutes (index bits 0-6), chosen by bit 7.
VBMI_TARGET inline __m512i lookup(const VectorTable &table, __m512i index) {
    const __m512i low = _mm512_permutex2var_epi8(table.quarter[0], index, table.quarter[1]);
    const __m512i high = _mm512_permutex2var_epi8(table.quarter[2], index, table.quarter[3]);
    return _mm512_mask_blend_epi8(_mm512_movepi8_mask(index), low, high);
}

/// Where each byte of three 64-byte output vectors comes from (computed once).
struct InterleavePattern {
    alignas(64) uint8_t redGreen[3][64];
    alignas(64) uint8_t blue[3][64];
    __mmask64 blueMask[3] = {0, 0, 0};

    InterleavePattern() {
        for (int part = 0; part < 3; ++part) {
            for (int k = 0; k < 64; ++k) {
                const int byte = 64 * part + k, pixel = byte / 3, channel = byte % 3;
                redGreen[part][k] = uint8_t(channel == 1 ? 64 + pixel : pixel);
                blue[part][k] = uint8_t(pixel);
                if (channel == 2) blueMask[part] |= __mmask64(1) << k;
            }
        }
    }
};

VBMI_TARGET void rgbVBMI(const ale_shim_palette *palette, const uint8_t *indices, size_t count, uint8_t *rgb) {
    const VectorTable red = loadTable(palette->red), green = loadTable(palette->green),
                      blue = loadTable(palette->blue);
    // Output byte 64·part + k is channel (64·part + k) mod 3 of pixel (64·part + k) / 3: red and
    // green come from one two-table permute (green's indices offset by 64), blue from a masked one.
    static const InterleavePattern pattern;
    __m512i redGreenIndex[3], blueIndex[3];
    for (int part = 0; part < 3; ++part) {
        redGreenIndex[part] = _mm512_load_si512(pattern.redGreen[part]);
        blueIndex[part] = _mm512_load_si512(pattern.blue[part]);
    }
    size_t pixel = 0;
    for (; pixel + 64 <= count; pixel += 64) {
        const __m512i index = _mm512_loadu_si512(indices + pixel);
        const __m512i r = lookup(red, index), g = lookup(green, index), b = lookup(blue, index);
        for (int part = 0; part < 3; ++part) {
            const __m512i rg = _mm512_permutex2var_epi8(r, redGreenIndex[part], g);
            const __m512i out = _mm512_mask_permutexvar_epi8(rg, pattern.blueMask[part], blueIndex[part], b);
            _mm512_storeu_si512(rgb + 3 * pixel + 64 * part, out);
        }
    }
    rgbPortable(palette, indices + pixel, count - pixel, rgb + 3 * pixel);
}

VBMI_TARGET void grayVBMI(const ale_shim_palette *palette, const uint8_t *indices, size_t count, uint8_t *gray) {
    const VectorTable table = loadTable(palette->gray);
    size_t pixel = 0;
    for (; pixel + 64 <= count; pixel += 64) {
        _mm512_storeu_si512(gray + pixel, lookup(table, _mm512_loadu_si512(indices + pixel)));
    }
    grayPortable(palette, indices + pixel, count - pixel, gray + pixel);
}

/// OpenCV's fixed-point luma; compiled for AVX-512 the loop's stride-3 loads become byte shuffles.
VBMI_TARGET void opencvGrayAVX512(const uint8_t *__restrict rgb, size_t pixels, uint8_t *__restrict gray) {
    for (size_t pixel = 0; pixel < pixels; ++pixel) {
        gray[pixel] = uint8_t((9798 * int32_t(rgb[3 * pixel]) + 19235 * int32_t(rgb[3 * pixel + 1])
                               + 3735 * int32_t(rgb[3 * pixel + 2]) + 16384) >> 15);
    }
}
#endif

/// The variant `variant` stands for on this processor (automatic → the best supported).
ale_shim_kernel_variant resolve(ale_shim_kernel_variant variant) {
    if (variant != ALE_SHIM_KERNEL_AUTOMATIC) return variant;
    static const ale_shim_kernel_variant best = ale_shim_kernel_supported(ALE_SHIM_KERNEL_AVX512VBMI)
        ? ALE_SHIM_KERNEL_AVX512VBMI
        : ALE_SHIM_KERNEL_PORTABLE;
    return best;
}

}  // namespace

extern "C" {

int ale_shim_kernel_supported(ale_shim_kernel_variant variant) {
    switch (variant) {
    case ALE_SHIM_KERNEL_AUTOMATIC:
    case ALE_SHIM_KERNEL_PORTABLE:
        return 1;
    case ALE_SHIM_KERNEL_AVX512VBMI:
#if defined(__x86_64__)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx512vbmi");
#else
        return 0;
#endif
    }
    return 0;
}

void ale_shim_palette_rgb(ale_shim_kernel_variant variant, const ale_shim_palette *palette, const uint8_t *indices,
                          size_t count, uint8_t *rgb) {
#if defined(__x86_64__)
    if (resolve(variant) == ALE_SHIM_KERNEL_AVX512VBMI && ale_shim_kernel_supported(ALE_SHIM_KERNEL_AVX512VBMI)) {
        rgbVBMI(palette, indices, count, rgb);
        return;
    }
#endif
    rgbPortable(palette, indices, count, rgb);
}

void ale_shim_palette_gray(ale_shim_kernel_variant variant, const ale_shim_palette *palette,
                           const uint8_t *indices, size_t count, uint8_t *gray) {
#if defined(__x86_64__)
    if (resolve(variant) == ALE_SHIM_KERNEL_AVX512VBMI && ale_shim_kernel_supported(ALE_SHIM_KERNEL_AVX512VBMI)) {
        grayVBMI(palette, indices, count, gray);
        return;
    }
#endif
    grayPortable(palette, indices, count, gray);
}

int ale_shim_opencv_gray(ale_shim_kernel_variant variant, const uint8_t *rgb, size_t pixels, uint8_t *gray) {
#if defined(__x86_64__)
    if (resolve(variant) == ALE_SHIM_KERNEL_AVX512VBMI && ale_shim_kernel_supported(ALE_SHIM_KERNEL_AVX512VBMI)) {
        opencvGrayAVX512(rgb, pixels, gray);
        return 1;
    }
#endif
    return 0;
}

}  // extern "C"
