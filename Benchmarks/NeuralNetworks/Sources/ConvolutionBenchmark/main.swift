// GFLOP/s of forward, pullback and differential of NatureCNN (4×84×84 frames, 6 outputs) on a
// batch of 256, one thread, beside the 64-64 MLP's forward on 2048 rows and one large product of
// the matrix kernel in the same run, alternated round by round (the machine is shared). Times are
// this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), not wall time: on a loaded machine a pass of a
// few hundred milliseconds is time-sliced with other processes, which wall time would count.
// Run: swift run -c release --package-path Benchmarks/NeuralNetworks ConvolutionBenchmark [rounds]
import DenseLinearAlgebra
import Glibc
import NeuralNetworks
import ThreadTiming

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 3 : 3
let rows = 256
guard let network = try? ConvolutionalArchitecture.natureCNN.network(height: 84, width: 84, channels: 4, outputWidth: 6)
else { fatalError("NatureCNN does not fit 84×84") }
var stream = RandomStream(seed: 1)
let theta = (0..<network.parameterCount).map { _ in Float(stream.nextNormal() * 0.02) }
let input = (0..<(rows * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
let cotangent = (0..<(rows * 6)).map { _ in Float(stream.nextNormal()) }
let workspace = network.makeWorkspace(capacity: rows)
var gradient = [Float](repeating: 0, count: network.parameterCount)
// Forward: Σ P·K·F multiply–adds per row. Pullback: W̄ for every layer and the input cotangent of
// all but the first: 2× forward minus the first layer's. Differential likewise (a·Ẇ everywhere,
// ȧ·W above the first layer).
let forwardFlops = Double(2 * network.multiplyAddsPerRow * rows)
let first = network.stages[0]
let firstLayerFlops = Double(2 * first.positions * first.patchSize * first.filters * rows)
let twoPassFlops = 2 * forwardFlops - firstLayerFlops

// The matrix kernel alone on one large product (m 4096, n 256, k 256) and the MLP of NetworkBenchmark.
let (m, n, k) = (4096, 256, 256)
let a = (0..<(m * k)).map { _ in Float(stream.nextNormal()) }
let b = (0..<(k * n)).map { _ in Float(stream.nextNormal()) }
var c = [Float](repeating: 0, count: m * n)
let mlp = MLP(widths: [11, 64, 64, 3])
let mlpRows = 2048
let mlpTheta = mlp.initialParameters(outputGain: 1, stream: &stream)
let mlpInput = (0..<(mlpRows * 11)).map { _ in Float(stream.nextNormal()) }
let mlpWorkspace = MLPWorkspace(network: mlp, capacity: mlpRows)

print("kernel variant: \(MatrixProduct.Variant.selected)")
theta.withUnsafeBufferPointer { t in
    input.withUnsafeBufferPointer { x in
        tangent.withUnsafeBufferPointer { v in
            cotangent.withUnsafeBufferPointer { u in
                gradient.withUnsafeMutableBufferPointer { g in
                    let (tp, xp, vp, up, gp) = (t.baseAddress!, x.baseAddress!, v.baseAddress!, u.baseAddress!, g.baseAddress!)
                    for round in 1...rounds {
                        let product = a.withUnsafeBufferPointer { ap in
                            b.withUnsafeBufferPointer { bp in
                                c.withUnsafeMutableBufferPointer { cp in
                                    measure(5) {
                                        MatrixProduct.multiply(
                                            m: m, n: n, k: k, a: ap.baseAddress!, aRowStride: k, aColumnStride: 1,
                                            b: bp.baseAddress!, bRowStride: n, c: cp.baseAddress!, cRowStride: n,
                                            accumulate: false)
                                    }
                                }
                            }
                        }
                        let mlpForward = mlpTheta.withUnsafeBufferPointer { mt in
                            mlpInput.withUnsafeBufferPointer { mx in
                                measure(50) {
                                    mlp.forward(parameters: mt.baseAddress!, input: mx.baseAddress!, rows: mlpRows, workspace: mlpWorkspace)
                                }
                            }
                        }
                        let forward = measure(3) { network.forward(parameters: tp, input: xp, rows: rows, workspace: workspace) }
                        let pullback = measure(3) {
                            network.pullback(parameters: tp, outputCotangent: up, workspace: workspace, parameterGradient: gp)
                        }
                        let differential = measure(3) { _ = network.differential(parameters: tp, parameterTangent: vp, workspace: workspace) }
                        print("-- round \(round)")
                        print(String(format: "kernel 4096×256×256      %8.2f ms  %6.1f GFLOP/s", product * 1e3, Double(2 * m * n * k) / product / 1e9))
                        print(String(format: "MLP 11-64-64-3 forward   %8.2f ms  %6.1f GFLOP/s (batch 2048)", mlpForward * 1e3,
                            Double(2 * mlp.multiplyAddsPerRow * mlpRows) / mlpForward / 1e9))
                        print(String(format: "NatureCNN forward        %8.2f ms  %6.1f GFLOP/s (batch 256)", forward * 1e3, forwardFlops / forward / 1e9))
                        print(String(format: "NatureCNN pullback       %8.2f ms  %6.1f GFLOP/s", pullback * 1e3, twoPassFlops / pullback / 1e9))
                        print(String(format: "NatureCNN differential   %8.2f ms  %6.1f GFLOP/s", differential * 1e3, twoPassFlops / differential / 1e9))
                    }
                }
            }
        }
    }
}

// Where the forward pass's time goes: NatureCNN's layers added one at a time (each with a
// 6-wide head), so the differences are the layers' own times.
let prefixes: [[ConvolutionalNetwork.Layer]] = (1...4).map { Array(ConvolutionalArchitecture.natureCNN.hiddenLayers.prefix($0)) }
print("-- forward of NatureCNN's first layers (batch \(rows)), GFLOP/s of the whole prefix")
for layers in prefixes {
    guard let prefix = try? ConvolutionalNetwork(
        inputHeight: 84, inputWidth: 84, inputChannels: 4, hiddenLayers: layers, outputWidth: 6)
    else { continue }
    let prefixTheta = (0..<prefix.parameterCount).map { _ in Float(stream.nextNormal() * 0.02) }
    let prefixWorkspace = prefix.makeWorkspace(capacity: rows)
    let seconds = prefixTheta.withUnsafeBufferPointer { t in
        input.withUnsafeBufferPointer { x in
            measure(3) { prefix.forward(parameters: t.baseAddress!, input: x.baseAddress!, rows: rows, workspace: prefixWorkspace) }
        }
    }
    print(String(format: "%d layers  %8.2f ms  %6.1f GFLOP/s", layers.count, seconds * 1e3,
        Double(2 * prefix.multiplyAddsPerRow * rows) / seconds / 1e9))
}

// The kernel alone on NatureCNN's first-layer product per row (m 400 positions, n 32, k 256).
do {
    let (m1, n1, k1) = (400, 32, 256)
    let a1 = (0..<(m1 * k1)).map { _ in Float(stream.nextNormal()) }
    let b1 = (0..<(k1 * n1)).map { _ in Float(stream.nextNormal()) }
    var c1 = [Float](repeating: 0, count: m1 * n1)
    let seconds = a1.withUnsafeBufferPointer { ap in
        b1.withUnsafeBufferPointer { bp in
            c1.withUnsafeMutableBufferPointer { cp in
                measure(3) {
                    for _ in 0..<rows {
                        MatrixProduct.multiply(
                            m: m1, n: n1, k: k1, a: ap.baseAddress!, aRowStride: k1, aColumnStride: 1, b: bp.baseAddress!,
                            bRowStride: n1, c: cp.baseAddress!, cRowStride: n1, accumulate: true)
                    }
                }
            }
        }
    }
    print(String(format: "kernel 400×32×256 × %d rows %8.2f ms  %6.1f GFLOP/s", rows, seconds * 1e3,
        Double(2 * m1 * n1 * k1 * rows) / seconds / 1e9))
}
