// Adam's elementwise step, compiled per instruction set like the matrix kernel (MatrixKernels.c).
// Swift builds for the baseline target and cannot prove that θ, m, v and g do not alias, so its
// loop ran scalar; here `restrict` and the target attributes let clang vectorise. Floating-point
// contraction is off: every product and sum is rounded on its own, exactly as Swift's loop does,
// and square roots and divisions are correctly rounded in every lane, so the bits are the same.
#include "CMatrixKernels.h"

#pragma clang fp contract(off)

// A square root that sets no errno, so the loop vectorises (sqrtf must keep errno for negative input).
#if __has_builtin(__builtin_elementwise_sqrt)
#define ROOT(x) __builtin_elementwise_sqrt(x)
#else
#define ROOT(x) __builtin_sqrtf(x)
#endif

static inline __attribute__((always_inline)) void adam_body(
    long count, float *restrict theta, float *restrict m, float *restrict v, const float *restrict g,
    float b1, float b2, float eps, float step_size, float second_scale)
{
    for (long i = 0; i < count; ++i) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        const float denominator = ROOT(v[i]) * second_scale + eps;
        theta[i] -= step_size * m[i] / denominator;
    }
}

static void adam_baseline(long n, float *t, float *m, float *v, const float *g, float b1, float b2, float e, float s,
    float q) { adam_body(n, t, m, v, g, b1, b2, e, s, q); }

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((target("avx2,fma"))) static void adam_avx2(long n, float *t, float *m, float *v, const float *g,
    float b1, float b2, float e, float s, float q) { adam_body(n, t, m, v, g, b1, b2, e, s, q); }

__attribute__((target("avx512f,avx512vl,avx2,fma"))) static void adam_avx512(long n, float *t, float *m, float *v,
    const float *g, float b1, float b2, float e, float s, float q) { adam_body(n, t, m, v, g, b1, b2, e, s, q); }
#endif

void trustregion_adam_step(
    trustregion_kernel_variant variant, long count, float *theta, float *first_moment, float *second_moment,
    const float *gradient, float beta1, float beta2, float epsilon, float step_size, float second_scale)
{
    if (variant == TRUSTREGION_KERNEL_AUTOMATIC) variant = trustregion_kernel_selected();
    switch (variant) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    case TRUSTREGION_KERNEL_AVX512:
        adam_avx512(count, theta, first_moment, second_moment, gradient, beta1, beta2, epsilon, step_size, second_scale);
        return;
    case TRUSTREGION_KERNEL_AVX2:
        adam_avx2(count, theta, first_moment, second_moment, gradient, beta1, beta2, epsilon, step_size, second_scale);
        return;
#endif
    default:
        adam_baseline(count, theta, first_moment, second_moment, gradient, beta1, beta2, epsilon, step_size, second_scale);
        return;
    }
}
