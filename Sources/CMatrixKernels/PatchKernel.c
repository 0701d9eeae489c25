// im2col of a convolution's byte input (Atari frames): every patch value is (float)byte · scale,
// one rounded product, as the Swift loop computes it, so every variant writes the same values. The
// Swift loop converted eight bytes per vector operation through a generic run copy; here a run of
// eight (NatureCNN's 8 × 8 kernel, channels first) and the next kernel row's, which follows it in
// the patch, are converted as one 16-lane vector.
#include "CMatrixKernels.h"

typedef unsigned char bytes8 __attribute__((vector_size(8), aligned(1)));
typedef unsigned char bytes16 __attribute__((vector_size(16), aligned(1)));
typedef float floats16 __attribute__((vector_size(64), aligned(4)));
typedef float floats8 __attribute__((vector_size(32), aligned(4)));

static inline __attribute__((always_inline)) void copy_run(
    const unsigned char *restrict from, float *restrict to, long count, float scale)
{
    for (long i = 0; i < count; ++i) to[i] = (float)from[i] * scale;
}

static inline __attribute__((always_inline)) void gather_byte_patches_body(
    const trustregion_patch_geometry *g, long rows, const unsigned char *restrict source, float *restrict columns,
    float scale)
{
    const int first = g->channels_first;
    const long run = first ? g->kernel_width : g->kernel_width * g->channels;
    const long channel_count = first ? g->channels : 1;
    const long input_size = g->height * g->width * g->channels;
    float *destination = columns;
    for (long r = 0; r < rows; ++r) {
        const unsigned char *row_source = source + r * input_size;
        for (long y = 0; y < g->output_height; ++y)
            for (long x = 0; x < g->output_width; ++x) {
                const long top = y * g->stride, left = x * g->stride;
                for (long channel = 0; channel < channel_count; ++channel) {
                    // Kernel row ky's run starts `step` bytes after row ky − 1's.
                    const unsigned char *from = first ? row_source + (channel * g->height + top) * g->width + left
                                                      : row_source + top * g->width * g->channels + left * g->channels;
                    const long step = first ? g->width : g->width * g->channels;
                    long ky = 0;
                    if (run == 8) {
                        for (; ky + 2 <= g->kernel_height; ky += 2, from += 2 * step, destination += 16) {
                            const bytes8 upper = *(const bytes8 *)from, lower = *(const bytes8 *)(from + step);
                            const bytes16 both = __builtin_shufflevector(
                                upper, lower, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
                            *(floats16 *)destination = __builtin_convertvector(both, floats16) * scale;
                        }
                        if (ky < g->kernel_height) {
                            *(floats8 *)destination = __builtin_convertvector(*(const bytes8 *)from, floats8) * scale;
                            ++ky, from += step, destination += 8;
                        }
                    }
                    for (; ky < g->kernel_height; ++ky, from += step, destination += run)
                        copy_run(from, destination, run, scale);
                }
            }
    }
}

static void gather_byte_patches_baseline(
    const trustregion_patch_geometry *g, long rows, const unsigned char *source, float *columns, float scale)
{
    gather_byte_patches_body(g, rows, source, columns, scale);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((target("avx2,fma"))) static void gather_byte_patches_avx2(
    const trustregion_patch_geometry *g, long rows, const unsigned char *source, float *columns, float scale)
{
    gather_byte_patches_body(g, rows, source, columns, scale);
}

__attribute__((target("avx512f,avx512vl,avx2,fma"))) static void gather_byte_patches_avx512(
    const trustregion_patch_geometry *g, long rows, const unsigned char *source, float *columns, float scale)
{
    gather_byte_patches_body(g, rows, source, columns, scale);
}
#endif

void trustregion_gather_byte_patches(
    trustregion_kernel_variant variant, const trustregion_patch_geometry *geometry, long rows,
    const unsigned char *source, float *columns, float scale)
{
    if (variant == TRUSTREGION_KERNEL_AUTOMATIC) variant = trustregion_kernel_selected();
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (variant == TRUSTREGION_KERNEL_AVX512) {
        gather_byte_patches_avx512(geometry, rows, source, columns, scale);
        return;
    }
    if (variant == TRUSTREGION_KERNEL_AVX2) {
        gather_byte_patches_avx2(geometry, rows, source, columns, scale);
        return;
    }
#endif
    gather_byte_patches_baseline(geometry, rows, source, columns, scale);
}
