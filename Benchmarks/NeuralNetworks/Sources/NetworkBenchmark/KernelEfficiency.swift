import DenseLinearAlgebra
import Dispatch
import FMAPeak

/// The FMA peak of one core per instruction set, and the matrix kernel's GFLOP/s on the MLP's
/// product shapes in each variant against it (issue 14: ≥ 75% of peak is the goal).
func printKernelEfficiency() {
    print("kernel selected here: \(MatrixProduct.Variant.selected)")
    var peaks: [MatrixProduct.Variant: Double] = [:]
    for (variant, code) in [(MatrixProduct.Variant.avx2, Int32(2)), (.avx512, Int32(3))] where variant.isSupported {
        // Short runs, the best of many: a loaded machine preempts long ones.
        let iterations = 100_000
        var best = Double.infinity
        var flops = 0.0
        for _ in 0..<300 {
            let start = DispatchTime.now().uptimeNanoseconds
            flops = trustregion_fma_peak_run(code, iterations)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        peaks[variant] = flops / best / 1e9
        print(String(format: "FMA peak, one core, %@: %6.1f GFLOP/s", "\(variant)", flops / best / 1e9))
    }
    // (m, n, k, a's strides): forward a·W, the weight gradient aᵀ·z̄ (A read transposed), and the
    // input gradient z̄·Wᵀ, for a 256- and a 2048-row block of the 64-64 hidden layer.
    let shapes: [(String, Int, Int, Int, Bool)] = [
        ("forward 256×64·64×64", 256, 64, 64, false), ("forward 2048×64·64×64", 2048, 64, 64, false),
        ("weight gradient 64×256·256×64", 64, 64, 256, true), ("weight gradient 64×2048·2048×64", 64, 64, 2048, true),
        ("forward into a head 2048×64·64×2", 2048, 2, 64, false),
    ]
    var stream = RandomStream(seed: 3)
    for (name, m, n, k, transposed) in shapes {
        let a = (0..<(m * k)).map { _ in Float(stream.nextNormal()) }
        let b = (0..<(k * n)).map { _ in Float(stream.nextNormal()) }
        var c = [Float](repeating: 0, count: m * n)
        for variant in [MatrixProduct.Variant.baseline, .avx2, .avx512] where variant.isSupported {
            let seconds = a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        measure(300) {
                            MatrixProduct.multiply(
                                m: m, n: n, k: k, a: ap.baseAddress!, aRowStride: transposed ? 1 : k,
                                aColumnStride: transposed ? m : 1, b: bp.baseAddress!, bRowStride: n,
                                c: cp.baseAddress!, cRowStride: n, accumulate: false, variant: variant)
                        }
                    }
                }
            }
            let rate = Double(2 * m * n * k) / seconds / 1e9
            let share = peaks[variant].map { String(format: " (%3.0f%% of its peak)", 100 * rate / $0) } ?? ""
            print(String(format: "%-34@ %-12@ %7.1f GFLOP/s%@", name, "\(variant)", rate, share))
        }
    }
}
