import DenseLinearAlgebra
import Testing
@testable import NeuralNetworks

/// Networks fed bytes (Atari's pixels) give the bits they give on the same values as `Float`s.
@Suite struct ByteInputTests {
    /// Outputs, the pullback of a Fisher-vector-product-style cotangent (J v inside) and the
    /// differential of a convolutional network on byte rows equal those on the `Float` rows bit for
    /// bit, channels first and last, on 1 and 2 threads; the workspace holds no `Float` input copy.
    @Test func convolutionalNetworkReadsBytesWithTheSameBits() throws {
        for layout in ConvolutionalNetwork.InputLayout.allCases {
            let network = try ConvolutionalNetwork(
                inputHeight: 14, inputWidth: 13, inputChannels: 3, inputLayout: layout, hiddenLayers: [
                    .convolution(filters: 4, kernel: 5, stride: 2), .convolution(filters: 3, kernel: 3, stride: 1),
                    .dense(width: 8),
                ], outputWidth: 3)
            var stream = RandomStream(seed: 11)
            let rows = 21
            let theta = network.initialParameters(outputGain: 1, stream: &stream)
            let bytes = (0..<(rows * network.inputWidth)).map { _ in UInt8(stream.nextInt(below: 256)) }
            let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
            for threads in [1, 2] {
                let results = [InputRows(floats: bytes.map(Float.init)), InputRows(bytes: bytes)].map { inputs in
                    let evaluator = network.makeBlockedEvaluator(inputs: inputs, rows: rows, blockSize: 8, threads: threads)
                    evaluator.forward(parameters: theta)
                    let outputs = evaluator.allOutputs()
                    let gradient = evaluator.pullback(parameters: theta, tangent: tangent) { _, outputs, jvp, destination in
                        for index in destination.indices { destination[index] = outputs[index] - 3 * (jvp?[index] ?? 0) }
                    }
                    return (outputs, gradient)
                }
                #expect(results[0].0 == results[1].0, "outputs, \(layout), \(threads) threads")
                #expect(results[0].1 == results[1].1, "Jᵀ(u + J v), \(layout), \(threads) threads")
                #expect(results[0].1.contains { $0 != 0 }, "the gradient is not trivially zero")
            }
            // The differential alone, after a byte forward pass on one workspace.
            let workspace = network.makeWorkspace(capacity: rows)
            let floats = bytes.map(Float.init)
            let fromFloats: [Float] = theta.withUnsafeBufferPointer { t in
                tangent.withUnsafeBufferPointer { v in
                    floats.withUnsafeBufferPointer { x in
                        network.forward(parameters: t.baseAddress!, input: x.baseAddress!, rows: rows, workspace: workspace)
                        return Array(network.differential(parameters: t.baseAddress!, parameterTangent: v.baseAddress!, workspace: workspace))
                    }
                }
            }
            let fromBytes: [Float] = theta.withUnsafeBufferPointer { t in
                tangent.withUnsafeBufferPointer { v in
                    bytes.withUnsafeBufferPointer { x in
                        network.forward(parameters: t.baseAddress!, byteInput: x.baseAddress!, rows: rows, workspace: workspace)
                        return Array(network.differential(parameters: t.baseAddress!, parameterTangent: v.baseAddress!, workspace: workspace))
                    }
                }
            }
            #expect(fromFloats == fromBytes, "J v, \(layout)")
            #expect(workspace.inputIsBytes)
        }
    }

    /// A network without a byte pass of its own (the MLP) converts byte rows to `Float`s: the same
    /// outputs and gradient.
    @Test func multilayerPerceptronConvertsBytes() {
        let network = MLP(inputWidth: 6, hiddenWidths: [5], outputWidth: 2, activation: .tanh)
        var stream = RandomStream(seed: 3)
        let theta = network.initialParameters(outputGain: 1, stream: &stream)
        let bytes = (0..<(9 * 6)).map { _ in UInt8(stream.nextInt(below: 256)) }
        let results = [InputRows(floats: bytes.map(Float.init)), InputRows(bytes: bytes)].map { inputs in
            let evaluator = network.makeBlockedEvaluator(inputs: inputs, rows: 9, blockSize: 4)
            evaluator.forward(parameters: theta)
            let gradient = evaluator.pullback(parameters: theta) { _, outputs, _, destination in
                for index in destination.indices { destination[index] = outputs[index] }
            }
            return (evaluator.allOutputs(), gradient)
        }
        #expect(results[0].0 == results[1].0)
        #expect(results[0].1 == results[1].1)
    }

    /// Byte rows read as `Float`s give the same rows as the `Float` storage: elements, appended and
    /// gathered rows, with 4× less memory; values that are not bytes are refused.
    @Test func byteRowsReadAsTheFloatRows() {
        let width = 5
        var stream = RandomStream(seed: 5)
        let values = (0..<(7 * width)).map { _ in Float(stream.nextInt(below: 256)) }
        var floatRows = InputRows(storage: .float32)
        var byteRows = InputRows(storage: .uint8)
        let appended = (floatRows.append(contentsOf: values), byteRows.append(contentsOf: values))
        #expect(appended == (true, true))
        #expect(Array(byteRows) == values)
        #expect(byteRows.storageByteCount * 4 == floatRows.storageByteCount)
        let picked = [6, 0, 3, 3]
        #expect(Array(byteRows.gathering(width: width, rows: picked)) == Array(floatRows.gathering(width: width, rows: picked)))
        #expect(byteRows.gathering(width: width, rows: picked).storage == .uint8)
        var repeated = InputRows(storage: .uint8)
        repeated.appendRows(of: byteRows, width: width, rows: repeatElement(2, count: 3))
        #expect(Array(repeated) == Array(repeatElement(values[(2 * width)..<(3 * width)], count: 3).joined()))
        let refused = [[0.5], [256], [-1], [1, Float.nan]].map { byteRows.append(contentsOf: $0) }
        #expect(refused == [false, false, false, false])
        #expect(byteRows.count == 7 * width, "a refused append adds nothing")
    }
}
