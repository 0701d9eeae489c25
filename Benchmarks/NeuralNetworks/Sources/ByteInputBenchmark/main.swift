// NatureCNN's passes (4×84×84 frames, 6 outputs, batch 256, one thread) on the same pixels given
// as Floats and as bytes (`forward(parameters:byteInput:…)`, the rollout buffer's storage for
// Atari), alternated round by round; the differential and the pullback re-gather the first
// layer's patches from the input either way. Best of 5 by this thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID), so a loaded machine's time slicing is not counted. The outputs and
// the gradient are checked bit for bit between the two.
// Run: swift run -c release --package-path Benchmarks/NeuralNetworks ByteInputBenchmark [rounds]
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
let bytes = (0..<(rows * network.inputWidth)).map { _ in UInt8(stream.nextInt(below: 256)) }
let floats = bytes.map(Float.init)
let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
let cotangent = (0..<(rows * 6)).map { _ in Float(stream.nextNormal()) }

/// Forward, differential and pullback seconds, and the outputs and gradient, from one input kind.
func passes(byteInput: Bool) -> (times: [Double], outputs: [Float], gradient: [Float]) {
    let workspace = network.makeWorkspace(capacity: rows)
    var gradient = [Float](repeating: 0, count: network.parameterCount)
    return theta.withUnsafeBufferPointer { t in
        tangent.withUnsafeBufferPointer { v in
            cotangent.withUnsafeBufferPointer { u in
                floats.withUnsafeBufferPointer { x in
                    bytes.withUnsafeBufferPointer { xb in
                        gradient.withUnsafeMutableBufferPointer { g in
                            let (tp, vp, up, gp) = (t.baseAddress!, v.baseAddress!, u.baseAddress!, g.baseAddress!)
                            func forward() {
                                if byteInput {
                                    network.forward(parameters: tp, byteInput: xb.baseAddress!, rows: rows, workspace: workspace)
                                } else {
                                    network.forward(parameters: tp, input: x.baseAddress!, rows: rows, workspace: workspace)
                                }
                            }
                            let forwardTime = measure(5) { forward() }
                            let outputs = Array(workspace.output)
                            let differentialTime = measure(5) { _ = network.differential(parameters: tp, parameterTangent: vp, workspace: workspace) }
                            gp.update(repeating: 0, count: network.parameterCount)
                            network.pullback(parameters: tp, outputCotangent: up, workspace: workspace, parameterGradient: gp)
                            let once = Array(g)
                            let pullbackTime = measure(5) {
                                network.pullback(parameters: tp, outputCotangent: up, workspace: workspace, parameterGradient: gp)
                            }
                            return ([forwardTime, differentialTime, pullbackTime], outputs, once)
                        }
                    }
                }
            }
        }
    }
}

print("kernel variant: \(MatrixProduct.Variant.selected); NatureCNN, batch \(rows), ms (best of 5, thread CPU)")
print("round  input   forward  differential  pullback")
var sums = [[Double]](repeating: [0, 0, 0], count: 2)
for round in 1...rounds {
    for (index, byteInput) in [false, true].enumerated() {
        let result = passes(byteInput: byteInput)
        if round == 1 && byteInput {
            let reference = passes(byteInput: false)
            print(result.outputs == reference.outputs && result.gradient == reference.gradient
                ? "bytes give the Float input's outputs and gradient bit for bit" : "BITS DIFFER")
        }
        for pass in 0..<3 { sums[index][pass] += result.times[pass] }
        print(String(format: "%5d  ", round) + (byteInput ? "bytes " : "floats") + String(format: "  %7.2f  %12.2f  %8.2f",
            result.times[0] * 1e3, result.times[1] * 1e3, result.times[2] * 1e3))
    }
}
print(String(format: "bytes / floats over %d rounds: forward %.3f, differential %.3f, pullback %.3f", rounds,
    sums[1][0] / sums[0][0], sums[1][1] / sums[0][1], sums[1][2] / sums[0][2]))
