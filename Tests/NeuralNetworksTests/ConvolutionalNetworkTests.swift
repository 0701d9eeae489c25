import DenseLinearAlgebra
import Testing
import _TestSupport
@testable import NeuralNetworks

@Suite struct ConvolutionalNetworkTests {
    /// |θ| of the named trunks, counted by hand from their layers (weights + biases per layer).
    @Test func parameterCountsOfTheNamedArchitectures() throws {
        // NatureCNN on 4×84×84, 6 actions: 8·8·4·32+32, 4·4·32·64+64, 3·3·64·64+64, 3136·512+512, 512·6+6.
        let nature = try ConvolutionalArchitecture.natureCNN.network(height: 84, width: 84, channels: 4, outputWidth: 6)
        #expect(nature.parameterCount == 8_224 + 32_832 + 36_928 + 1_606_144 + 3_078)
        #expect(nature.stages.map(\.outputHeight) == [20, 9, 7, 1, 1])
        // cnn_small: 8·8·4·8+8, 4·4·8·16+16, (9·9·16=1296)·128+128, 128·6+6.
        let small = try ConvolutionalArchitecture.cnnSmall.network(height: 84, width: 84, channels: 4, outputWidth: 6)
        #expect(small.parameterCount == 2_056 + 2_064 + 166_016 + 774)
        // The paper's network on 4×52×40: 4·4·4·16+16, 4·4·16·16+16, (11·8·16)·20+20, 20·A+A.
        let paper = try ConvolutionalArchitecture.trpoPaper.network(height: 52, width: 40, channels: 4, outputWidth: 6)
        #expect(paper.parameterCount == 1_040 + 4_112 + 28_180 + 126)
        #expect(paper.parameterCount == 33_458)
        // On 4×84×84 the same layers have far more than the paper's 33,500: 19·19·16·20+20 in the dense layer.
        let paperFull = try ConvolutionalArchitecture.trpoPaper.network(height: 84, width: 84, channels: 4, outputWidth: 6)
        #expect(paperFull.parameterCount == 1_040 + 4_112 + 115_540 + 126)
        #expect(nature.multiplyAddsPerRow == 400 * 256 * 32 + 81 * 512 * 64 + 49 * 576 * 64 + 3136 * 512 + 512 * 6)
    }

    /// Kernels that do not fit, and sizes out of range, are refused with a message.
    @Test func invalidShapesAreRefused() {
        #expect(throws: ConvolutionalNetworkError.self) {
            try ConvolutionalNetwork(
                inputHeight: 5, inputWidth: 5, inputChannels: 1, hiddenLayers: [.convolution(filters: 2, kernel: 6, stride: 1)],
                outputWidth: 2)
        }
        #expect(throws: ConvolutionalNetworkError.self) {
            try ConvolutionalNetwork(inputHeight: 0, inputWidth: 5, inputChannels: 1, hiddenLayers: [], outputWidth: 2)
        }
        #expect(throws: ConvolutionalNetworkError.self) {
            try ConvolutionalNetwork(
                inputHeight: 5, inputWidth: 5, inputChannels: 1, hiddenLayers: [.convolution(filters: 2, kernel: 2, stride: 0)],
                outputWidth: 2)
        }
    }

    /// What a file records rebuilds the same network, through the registry of kinds; bad
    /// attributes are refused.
    @Test func architectureRoundTrips() throws {
        for layout in ConvolutionalNetwork.InputLayout.allCases {
            let network = try ConvolutionalArchitecture.natureCNN.network(
                height: 84, width: 84, channels: 4, layout: layout, outputWidth: 4)
            let rebuilt = try network.architecture.network()
            #expect((rebuilt as? ConvolutionalNetwork) == network)
        }
        var attributes = try ConvolutionalArchitecture.cnnSmall.network(height: 84, width: 84, channels: 4, outputWidth: 3)
            .architecture.attributes
        attributes["layers"] = "conv:8:8;dense:128"
        #expect(throws: NetworkArchitectureError.self) { try NetworkArchitecture(kind: "cnn", attributes: attributes).network() }
        attributes["layers"] = "conv:8:90:4"
        #expect(throws: NetworkArchitectureError.self) { try NetworkArchitecture(kind: "cnn", attributes: attributes).network() }
    }

    /// The blocked evaluator gives the same bits on 1 and 3 threads: outputs, the summed
    /// pullback and the Jᵀ(J v) product of a Fisher-vector product.
    @Test func threadCountDoesNotChangeABit() throws {
        let network = try ConvolutionalNetwork(
            inputHeight: 12, inputWidth: 12, inputChannels: 2, hiddenLayers: [
                .convolution(filters: 4, kernel: 4, stride: 2), .convolution(filters: 3, kernel: 3, stride: 1), .dense(width: 8),
            ], outputWidth: 3)
        var stream = RandomStream(seed: 7)
        let rows = 23
        let theta = network.initialParameters(outputGain: 1, stream: &stream)
        let input = (0..<(rows * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
        let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
        var results: [([Float], [Float])] = []
        for threads in [1, 3] {
            let evaluator = network.makeBlockedEvaluator(inputs: input, rows: rows, blockSize: 4, threads: threads)
            evaluator.forward(parameters: theta)
            let gradient = evaluator.pullback(parameters: theta, tangent: tangent) { _, outputs, jvp, destination in
                for index in destination.indices { destination[index] = outputs[index] + 2 * (jvp?[index] ?? 0) }
            }
            results.append((evaluator.allOutputs(), gradient))
        }
        #expect(results[0].0 == results[1].0)
        #expect(results[0].1 == results[1].1)
    }

    /// Batches whose patches are gathered in several chunks (NatureCNN's first layer, one row of
    /// patches per chunk, then a layer of 10 rows per chunk): each row's outputs are those of the
    /// row alone, and the chunked gradient is the sum of the rows' gradients (to 1e-5 relative;
    /// the sums' order differs).
    @Test func chunkedPatchesAgreeWithSingleRows() throws {
        let network = try ConvolutionalNetwork(
            inputHeight: 84, inputWidth: 84, inputChannels: 4,
            hiddenLayers: [.convolution(filters: 32, kernel: 8, stride: 4), .convolution(filters: 2, kernel: 4, stride: 4)],
            outputWidth: 3)
        #expect(ConvolutionalWorkspace.patchRows(network.stages[0]) == 1)
        #expect(ConvolutionalWorkspace.patchRows(network.stages[1]) == 10)
        var stream = RandomStream(seed: 8)
        let rows = 13
        let theta = (0..<network.parameterCount).map { _ in Float(stream.nextNormal() * 0.1) }
        let input = (0..<(rows * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
        let cotangent = (0..<(rows * 3)).map { _ in Float(stream.nextNormal()) }
        let outputs = network.outputs(parameters: theta, input: input, rows: rows)
        let gradient = network.vectorJacobianProduct(parameters: theta, input: input, rows: rows, outputCotangent: cotangent)
            .parameterGradient
        var summed = [Double](repeating: 0, count: network.parameterCount)
        for row in [0, 11, 12] {
            let rowInput = Array(input[(row * network.inputWidth)..<((row + 1) * network.inputWidth)])
            #expect(network.outputs(parameters: theta, input: rowInput, rows: 1) == Array(outputs[(row * 3)..<(row * 3 + 3)]))
        }
        for row in 0..<rows {
            let rowInput = Array(input[(row * network.inputWidth)..<((row + 1) * network.inputWidth)])
            let rowGradient = network.vectorJacobianProduct(
                parameters: theta, input: rowInput, rows: 1, outputCotangent: Array(cotangent[(row * 3)..<(row * 3 + 3)]))
            for index in summed.indices { summed[index] += Double(rowGradient.parameterGradient[index]) }
        }
        #expect(relativeError(gradient, summed) < 1e-5)
    }

    /// The output layer's bias gradient b̄ = Σ_rows ū is the plain sum over rows, in row order, bit
    /// for bit: for 35 outputs, 32 in the kernel's vector blocks and 3 in its narrow columns.
    @Test func biasGradientIsTheSequentialSum() throws {
        let network = try ConvolutionalNetwork(
            inputHeight: 8, inputWidth: 8, inputChannels: 1, hiddenLayers: [.convolution(filters: 4, kernel: 4, stride: 2)],
            outputWidth: 35)
        var stream = RandomStream(seed: 9)
        let rows = 300
        let theta = network.initialParameters(outputGain: 1, stream: &stream)
        let input = (0..<(rows * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
        let cotangent = (0..<(rows * 35)).map { _ in Float(stream.nextNormal()) }
        let gradient = network.vectorJacobianProduct(parameters: theta, input: input, rows: rows, outputCotangent: cotangent)
            .parameterGradient
        let biasOffset = network.stages[network.stages.count - 1].biasOffset
        for output in 0..<35 {
            var sum: Float = 0
            for row in 0..<rows { sum += cotangent[row * 35 + output] }
            #expect(gradient[biasOffset + output].bitPattern == sum.bitPattern, "output \(output)")
        }
    }

    /// A workspace grows for a larger batch and gives the same outputs when reused.
    @Test func workspaceGrowsAndIsReusable() throws {
        let network = try ConvolutionalArchitecture.cnnSmall.network(height: 36, width: 36, channels: 1, outputWidth: 2)
        var stream = RandomStream(seed: 9)
        let theta = network.initialParameters(outputGain: 1, stream: &stream)
        let input = (0..<(5 * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
        let workspace = network.makeWorkspace(capacity: 1)
        var outputs: [[Float]] = []
        for _ in 0..<2 {
            theta.withUnsafeBufferPointer { t in
                input.withUnsafeBufferPointer { x in
                    network.forward(parameters: t.baseAddress!, input: x.baseAddress!, rows: 5, workspace: workspace)
                }
            }
            outputs.append(Array(workspace.output))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == network.outputs(parameters: theta, input: input, rows: 5))
    }
}
