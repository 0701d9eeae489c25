#ifndef TRUSTREGION_FMA_PEAK_H
#define TRUSTREGION_FMA_PEAK_H

/// Runs `iterations` rounds of 12 independent vector FMA chains (AVX2: 8 lanes, AVX-512: 16) and
/// returns the floating-point operations done (2 per lane per FMA), or 0 if the processor lacks
/// the instruction set. `variant`: 2 = AVX2+FMA, 3 = AVX-512F+FMA (the kernel's numbering).
double trustregion_fma_peak_run(int variant, long iterations);

#endif
