// Screen kernels of the Atari environments: ALE's palette lookups (screen bytes → RGB or gray
// pixels) with the instruction-set variant chosen at run time. The same tables give the same
// bytes in every variant; ALEShim.cpp fills the tables from ALE's palette after each ROM load.
#ifndef TRUSTREGION_ALE_SCREEN_KERNELS_H
#define TRUSTREGION_ALE_SCREEN_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction-set variants of the screen kernels.
typedef enum {
    ALE_SHIM_KERNEL_AUTOMATIC = 0,   ///< the best variant this processor supports
    ALE_SHIM_KERNEL_PORTABLE = 1,    ///< plain C++ (any processor)
    ALE_SHIM_KERNEL_AVX512VBMI = 2,  ///< AVX-512 (F, BW, VL, VBMI): byte and float permutes
} ale_shim_kernel_variant;

/// A palette as four 256-entry tables indexed by a screen byte (ALE's palette index).
typedef struct {
    uint8_t red[256];
    uint8_t green[256];
    uint8_t blue[256];
    /// ALE's grayscale: `applyPaletteGrayscale` reads entry index + 1 of its packed palette.
    uint8_t gray[256];
} ale_shim_palette;

/// Whether this processor can run `variant`.
int ale_shim_kernel_supported(ale_shim_kernel_variant variant);

/// Writes `count` RGB pixels (3 bytes each, interleaved) for the palette indices at `indices`.
void ale_shim_palette_rgb(ale_shim_kernel_variant variant, const ale_shim_palette *palette, const uint8_t *indices,
                          size_t count, uint8_t *rgb);

/// Writes `count` gray pixels (1 byte each) for the palette indices at `indices`.
void ale_shim_palette_gray(ale_shim_kernel_variant variant, const ale_shim_palette *palette,
                           const uint8_t *indices, size_t count, uint8_t *gray);

/// OpenCV's 8-bit RGB→gray, (9798 R + 19235 G + 3735 B + 2¹⁴) >> 15, of `pixels` interleaved
/// pixels, with the AVX-512 variant (the compiler's vectorization of the plain loop): returns 1, or
/// 0 without writing when `variant` resolves to the portable one (Swift's loop is that variant).
int ale_shim_opencv_gray(ale_shim_kernel_variant variant, const uint8_t *rgb, size_t pixels, uint8_t *gray);

/// A planned INTER_AREA resize (OpenCV's float arithmetic; AreaResize.swift builds the plan).
/// Each output row is the horizontal pass of its source rows weighted by the y terms. The
/// horizontal pass is split into blocks of up to 16 consecutive output elements of a row whose
/// taps read a window of at most 32 consecutive source bytes.
typedef struct {
    long source_row_width;  ///< bytes per source row (source width × channels)
    long row_width;         ///< output elements per row (width × channels)
    long tap_count;         ///< taps per output element (terms padded with weight 0)
    long block_count;
    /// Per block: first output element, lanes (1...16), window start in the source row, then
    /// `tap_count` × 16 offsets into the window (lane-major within a tap).
    const int32_t *block_integers;
    /// Per block: `tap_count` × 16 weights (0 in unused lanes).
    const float *block_weights;
    long y_term_count;
    /// Per y term: output row, source row (OpenCV's order: by output row, then source row).
    const int32_t *y_integers;
    const float *y_weights;
} ale_shim_area_resize_plan;

/// The floats of scratch `ale_shim_area_resize` needs for `plan`.
long ale_shim_area_resize_scratch_count(const ale_shim_area_resize_plan *plan);

/// Resizes `source` into `destination` (rows × row_width bytes) by `plan`, bit for bit as the
/// term-by-term loop: each product and sum rounded on its own, in OpenCV's order.
void ale_shim_area_resize(ale_shim_kernel_variant variant, const ale_shim_area_resize_plan *plan,
                          const uint8_t *source, uint8_t *destination, float *scratch);

#ifdef __cplusplus
}
#endif

#endif
