// Prints GFLOP/s of forward, pullback and differential of a 64-64 tanh MLP on 2048 inputs of width
// 11 (one thread), and the time of one Fisher-vector product on that batch.
// Run: swift run -c release --package-path Benchmarks/NeuralNetworks
import DenseLinearAlgebra
import Foundation
import Dispatch
import NeuralNetworks
import Policies

printKernelEfficiency()

let rows = 2048
let network = MLP(widths: [11, 64, 64, 3])
var stream = RandomStream(seed: 1)
let theta = network.initialParameters(outputGain: 1, stream: &stream)
let input = (0..<(rows * 11)).map { _ in Float(stream.nextNormal()) }
let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
let cotangent = (0..<(rows * 3)).map { _ in Float(stream.nextNormal()) }
let workspace = MLPWorkspace(network: network, capacity: rows)
var gradient = [Float](repeating: 0, count: network.parameterCount)
let flopsPerPass = Double(2 * network.multiplyAddsPerRow * rows)

/// The best (minimum) seconds per call over `repetitions` calls after a warm-up.
func measure(_ repetitions: Int = 200, _ body: () -> Void) -> Double {
    for _ in 0..<10 { body() }
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

theta.withUnsafeBufferPointer { t in
    input.withUnsafeBufferPointer { x in
        tangent.withUnsafeBufferPointer { v in
            cotangent.withUnsafeBufferPointer { u in
                gradient.withUnsafeMutableBufferPointer { g in
                    let (tp, xp, vp, up, gp) = (t.baseAddress!, x.baseAddress!, v.baseAddress!, u.baseAddress!, g.baseAddress!)
                    let forward = measure { network.forward(parameters: tp, input: xp, rows: rows, workspace: workspace) }
                    // Pullback: Aᵀ·δ for every layer and δ·Wᵀ for all but the first: about 2× forward
                    // minus the input layer's input gradient.
                    let pullbackFlops = 2 * flopsPerPass - Double(2 * 11 * 64 * rows)
                    let pullback = measure {
                        network.pullback(parameters: tp, outputCotangent: up, workspace: workspace, parameterGradient: gp)
                    }
                    // Differential: a·Ẇ for every layer and ȧ·W for all but the first.
                    let differentialFlops = 2 * flopsPerPass - Double(2 * 11 * 64 * rows)
                    let differential = measure { _ = network.differential(parameters: tp, parameterTangent: vp, workspace: workspace) }
                    print("MLP 11-64-64-3 tanh, batch \(rows), one thread")
                    print(String(format: "forward       %7.1f µs  %6.1f GFLOP/s", forward * 1e6, flopsPerPass / forward / 1e9))
                    print(String(format: "pullback      %7.1f µs  %6.1f GFLOP/s", pullback * 1e6, pullbackFlops / pullback / 1e9))
                    print(String(format: "differential  %7.1f µs  %6.1f GFLOP/s", differential * 1e6, differentialFlops / differential / 1e9))
                }
            }
        }
    }
}

let policy = Policy(observationWidth: 11, hiddenWidths: [64, 64], distribution: DiagonalGaussianDistribution(dimension: 3))
let policyTheta = policy.initialParameters(stream: &stream)
let actions = (0..<(rows * 3)).map { _ in Float(stream.nextNormal()) }
let vector = (0..<policy.parameterCount).map { _ in Float(stream.nextNormal()) }
for threads in [1, 2] {
    let batch = PolicyBatch(policy: policy, observations: input, actions: actions, rows: rows, threads: threads)
    batch.evaluate(at: policyTheta)
    let fvp = measure(100) { _ = batch.fisherVectorProduct(vector, damping: 0.1) }
    let fvpFlops = 2 * (2 * flopsPerPass - Double(2 * 11 * 64 * rows))
    print(String(format: "Fisher-vector product (Jᵀ M J v), %d thread(s): %7.1f µs  %6.1f GFLOP/s", threads, fvp * 1e6, fvpFlops / fvp / 1e9))
}

// CartPole-sized networks (narrow input and output layers), as TRPO's zoo settings use them.
for widths in [[4, 64, 64, 2], [4, 64, 64, 1], [4, 64, 64, 16]] {
    let small = MLP(widths: widths)
    let smallRows = 1024
    let smallTheta = small.initialParameters(outputGain: 1, stream: &stream)
    let smallInput = (0..<(smallRows * widths[0])).map { _ in Float(stream.nextNormal()) }
    let smallWorkspace = MLPWorkspace(network: small, capacity: smallRows)
    let smallFlops = Double(2 * small.multiplyAddsPerRow * smallRows)
    let seconds = smallTheta.withUnsafeBufferPointer { t in
        smallInput.withUnsafeBufferPointer { x in
            measure { small.forward(parameters: t.baseAddress!, input: x.baseAddress!, rows: smallRows, workspace: smallWorkspace) }
        }
    }
    print(String(format: "forward %@, batch %d: %6.1f µs  %6.1f GFLOP/s", "\(widths)", smallRows, seconds * 1e6, smallFlops / seconds / 1e9))
}
