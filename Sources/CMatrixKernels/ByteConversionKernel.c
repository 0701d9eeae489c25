// A step's observations as the rollout stores them: Atari frames arrive as floats (the vector
// environment's interface) and are kept as bytes. Swift's check-then-map took 5 ns an element, a
// twelfth of a TRPO run with Baselines' preset (one copy, 28,224 values a step); this loop
// vectorises at the package's baseline target. Not per variant: it is memory-bound.
#include "CMatrixKernels.h"

int trustregion_floats_to_bytes(const float *restrict source, unsigned char *restrict destination, long count)
{
    int exact = 1;
    for (long i = 0; i < count; ++i) {
        const float value = source[i];
        // NaN fails both comparisons and clamps to 0; the check below rejects it.
        const float clamped = value > 0.0f ? (value < 255.0f ? value : 255.0f) : 0.0f;
        exact &= (clamped == value) & (__builtin_truncf(value) == value);
        destination[i] = (unsigned char)(int)clamped;
    }
    return exact;
}
