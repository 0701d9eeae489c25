// The processor's fused multiply-add peak on one core, for the kernel-efficiency figures of issue 14:
// 12 independent accumulator chains are enough to cover the FMA latency (4 cycles) times the two
// FMA pipes of current x86 cores, so the loop runs at the issue rate, not the latency.
#include "FMAPeak.h"
#include <immintrin.h>

#define CHAINS 12

__attribute__((target("avx2,fma"))) static double run_avx2(long iterations)
{
    __m256 acc[CHAINS];
    const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    for (int c = 0; c < CHAINS; ++c) acc[c] = _mm256_set1_ps((float)c);
    for (long i = 0; i < iterations; ++i)
        for (int c = 0; c < CHAINS; ++c) acc[c] = _mm256_fmadd_ps(acc[c], x, y);
    float sink[8];
    __m256 total = acc[0];
    for (int c = 1; c < CHAINS; ++c) total = _mm256_add_ps(total, acc[c]);
    _mm256_storeu_ps(sink, total);
    return sink[0] == 12345.0f ? 0 : 2.0 * 8 * CHAINS * (double)iterations;
}

__attribute__((target("avx512f,avx2,fma"))) static double run_avx512(long iterations)
{
    __m512 acc[CHAINS];
    const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
    for (int c = 0; c < CHAINS; ++c) acc[c] = _mm512_set1_ps((float)c);
    for (long i = 0; i < iterations; ++i)
        for (int c = 0; c < CHAINS; ++c) acc[c] = _mm512_fmadd_ps(acc[c], x, y);
    float sink[16];
    __m512 total = acc[0];
    for (int c = 1; c < CHAINS; ++c) total = _mm512_add_ps(total, acc[c]);
    _mm512_storeu_ps(sink, total);
    return sink[0] == 12345.0f ? 0 : 2.0 * 16 * CHAINS * (double)iterations;
}

double trustregion_fma_peak_run(int variant, long iterations)
{
    if (variant == 2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return run_avx2(iterations);
    if (variant == 3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")) return run_avx512(iterations);
    return 0;
}
