import DenseLinearAlgebra
import Testing
@testable import NeuralNetworks

/// Blocks borrow their passes' tangent and cotangent buffers from one pool.
@Suite struct ScratchPoolTests {
    /// Ten blocks' Jᵀ(u + J v) passes, twice over (as CG's products), allocate one scratch buffer on
    /// one thread (at most one per thread on two), and give each block's partial gradient bit for
    /// bit as a workspace of its own that keeps its scratch.
    @Test func blocksShareScratchWithTheSameBits() throws {
        let network = try ConvolutionalNetwork(
            inputHeight: 12, inputWidth: 11, inputChannels: 2, inputLayout: .channelsFirst, hiddenLayers: [
                .convolution(filters: 4, kernel: 4, stride: 2), .dense(width: 6),
            ], outputWidth: 3)
        var stream = RandomStream(seed: 5)
        let (rows, blockSize) = (40, 4)
        let theta = network.initialParameters(outputGain: 1, stream: &stream)
        let bytes = (0..<(rows * network.inputWidth)).map { _ in UInt8(stream.nextInt(below: 256)) }
        let tangents = (0..<2).map { _ in (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) } }
        func cotangent(_ outputs: UnsafeBufferPointer<Float>, _ jvp: UnsafeBufferPointer<Float>?,
                       _ destination: UnsafeMutableBufferPointer<Float>) {
            for index in destination.indices { destination[index] = outputs[index] - 2 * (jvp?[index] ?? 0) }
        }

        // The reference: each block on a workspace that keeps its own scratch.
        let floats = bytes.map(Float.init)
        let expected: [[[Float]]] = tangents.map { tangent in
            (0..<(rows / blockSize)).map { block in
                let workspace = network.makeWorkspace(capacity: blockSize)
                var gradient = [Float](repeating: 0, count: network.parameterCount)
                theta.withUnsafeBufferPointer { t in
                    tangent.withUnsafeBufferPointer { v in
                        floats.withUnsafeBufferPointer { x in
                            network.forward(
                                parameters: t.baseAddress!, input: x.baseAddress! + block * blockSize * network.inputWidth,
                                rows: blockSize, workspace: workspace)
                            let jvp = network.differential(
                                parameters: t.baseAddress!, parameterTangent: v.baseAddress!, workspace: workspace)
                            var u = [Float](repeating: 0, count: blockSize * network.outputWidth)
                            u.withUnsafeMutableBufferPointer { cotangent(workspace.output, jvp, $0) }
                            network.pullback(
                                parameters: t.baseAddress!, outputCotangent: u, workspace: workspace,
                                parameterGradient: &gradient)
                        }
                    }
                }
                return gradient
            }
        }
        for threads in [1, 2] {
            let evaluator = BlockedNetwork(
                network: network, inputs: InputRows(bytes: bytes), rows: rows, blockSize: blockSize, threads: threads)
            evaluator.forward(parameters: theta)
            for (tangent, reference) in zip(tangents, expected) {
                let partials = evaluator.blockPullbacks(parameters: theta, tangent: tangent) { _, outputs, jvp, u in
                    cotangent(outputs, jvp, u)
                }
                #expect(partials == reference, "\(threads) threads")
            }
            #expect(evaluator.scratchBuffersAllocated >= 1 && evaluator.scratchBuffersAllocated <= threads)
            #expect(evaluator.blockCount == 10)
        }
    }
}
