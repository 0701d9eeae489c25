import DenseLinearAlgebra
import Testing
import _TestSupport
@testable import NeuralNetworks

@Suite struct ConvolutionalDerivativeTests {
    /// Small networks covering both input layouts, strides that skip pixels, kernels that leave a
    /// remainder, dense layers after convolutions and both activations; (network, rows).
    static let shapes: [(ConvolutionalNetwork, Int)] = {
        func make(
            _ height: Int, _ width: Int, _ channels: Int, _ layout: ConvolutionalNetwork.InputLayout,
            _ layers: [ConvolutionalNetwork.Layer], _ outputs: Int, _ activation: Activation
        ) -> ConvolutionalNetwork {
            // Valid by construction (the shapes are chosen to fit); a failure here is a test bug.
            (try? ConvolutionalNetwork(
                inputHeight: height, inputWidth: width, inputChannels: channels, inputLayout: layout,
                hiddenLayers: layers, outputWidth: outputs, activation: activation))!
        }
        return [
            (make(9, 8, 3, .channelsFirst, [.convolution(filters: 4, kernel: 3, stride: 2), .convolution(filters: 3, kernel: 2, stride: 1), .dense(width: 5)], 3, .tanh), 3),
            (make(10, 7, 2, .channelsLast, [.convolution(filters: 3, kernel: 4, stride: 3), .dense(width: 4)], 2, .relu), 4),
            (make(6, 6, 1, .channelsFirst, [.convolution(filters: 2, kernel: 3, stride: 1), .convolution(filters: 2, kernel: 2, stride: 2)], 2, .relu), 2),
            (make(5, 4, 2, .channelsLast, [.dense(width: 6)], 3, .tanh), 3),
        ]
    }()

    /// θ with nonzero biases and an input of byte values 0...255 (as Float), as Atari frames.
    func randomCase(_ network: ConvolutionalNetwork, rows: Int, stream: inout RandomStream)
        -> (theta: [Float], input: [Float])
    {
        let theta = (0..<network.parameterCount).map { _ in Float(stream.nextNormal() * 0.5) }
        let input = (0..<(rows * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
        return (theta, input)
    }

    /// The Float forward pass agrees with the direct-convolution Double reference to 1e-5.
    @Test(arguments: 0..<4) func forwardMatchesReference(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 110 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let output = network.outputs(parameters: theta, input: input, rows: rows)
        let reference = ReferenceConvolutionalNetwork.forward(
            network, theta.map(Double.init), input.map(Double.init), rows: rows)
        #expect(output.count == rows * network.outputWidth)
        #expect(maximumAbsoluteDifference(output, reference) < 1e-5)
    }

    /// Jᵀū against central differences of ū·f(θ) in Double (h = 1e-6): relative error ≤ 1e-4;
    /// the input gradient (through the 1/255 scale) likewise.
    @Test(arguments: 0..<4) func pullbackMatchesFiniteDifferences(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 120 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let cotangent = (0..<(rows * network.outputWidth)).map { _ in Float(stream.nextNormal()) }
        let (gradient, inputGradient) = network.vectorJacobianProduct(
            parameters: theta, input: input, rows: rows, outputCotangent: cotangent)
        let thetaD = theta.map(Double.init), inputD = input.map(Double.init), u = cotangent.map(Double.init)
        func objective(_ t: [Double], _ x: [Double]) -> Double {
            zip(ReferenceConvolutionalNetwork.forward(network, t, x, rows: rows), u).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let numeric = centralDifferenceGradient(of: { objective($0, inputD) }, at: thetaD, step: 1e-6)
        let numericInput = centralDifferenceGradient(of: { objective(thetaD, $0) }, at: inputD, step: 1e-4)
        #expect(relativeError(gradient, numeric) < 1e-4)
        #expect(relativeError(inputGradient, numericInput) < 1e-4)
    }

    /// J θ̇ against central differences of f(θ + hθ̇) in Double: relative error ≤ 1e-4.
    @Test(arguments: 0..<4) func differentialMatchesFiniteDifferences(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 130 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
        let jvp = network.jacobianVectorProduct(parameters: theta, input: input, rows: rows, parameterTangent: tangent)
        let h = 1e-6
        let thetaD = theta.map(Double.init), inputD = input.map(Double.init)
        let plus = ReferenceConvolutionalNetwork.forward(
            network, zip(thetaD, tangent).map { $0 + h * Double($1) }, inputD, rows: rows)
        let minus = ReferenceConvolutionalNetwork.forward(
            network, zip(thetaD, tangent).map { $0 - h * Double($1) }, inputD, rows: rows)
        let numeric = zip(plus, minus).map { ($0 - $1) / (2 * h) }
        #expect(relativeError(jvp, numeric) < 1e-4)
    }

    /// uᵀ(J w) = (Jᵀu)ᵀw to 1e-5 relative.
    @Test(arguments: 0..<4) func pullbackIsAdjointOfDifferential(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 140 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let w = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
        let u = (0..<(rows * network.outputWidth)).map { _ in Float(stream.nextNormal()) }
        let jw = network.jacobianVectorProduct(parameters: theta, input: input, rows: rows, parameterTangent: w)
        let jtu = network.vectorJacobianProduct(parameters: theta, input: input, rows: rows, outputCotangent: u)
            .parameterGradient
        let left = VectorOperations.dot(u, jw), right = VectorOperations.dot(jtu, w)
        #expect(abs(left - right) <= 1e-5 * max(abs(left), abs(right), 1))
    }
}
