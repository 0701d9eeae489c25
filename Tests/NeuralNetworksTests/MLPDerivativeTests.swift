import DenseLinearAlgebra
import Foundation
import Testing
import _TestSupport
@testable import NeuralNetworks

@Suite struct MLPDerivativeTests {
    static let shapes: [(MLP, Int)] = [
        (MLP(widths: [3, 5, 2]), 4),
        (MLP(widths: [11, 64, 64, 1]), 9),
        (MLP(widths: [4, 7, 3, 5], activation: .relu), 6),
        (MLP(widths: [2, 3]), 1),
    ]

    func randomCase(_ network: MLP, rows: Int, stream: inout RandomStream) -> (theta: [Float], input: [Float]) {
        // Biases nonzero too, so their derivatives are exercised.
        let theta = (0..<network.parameterCount).map { _ in Float(stream.nextNormal() * 0.5) }
        let input = (0..<(rows * network.inputWidth)).map { _ in Float(stream.nextNormal()) }
        return (theta, input)
    }

    @Test func fastTanhIsAccurate() {
        var worst = 0.0
        var x: Float = -12
        while x <= 12 {
            worst = max(worst, abs(Double(FastTanh.evaluate(x)) - Foundation.tanh(Double(x))))
            x += 0.0007
        }
        #expect(worst < 1e-6)
        #expect(FastTanh.evaluate(0) == 0)
    }

    /// The Float forward pass agrees with the Double reference to 1e-5 absolute.
    @Test(arguments: 0..<4) func forwardMatchesReference(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 10 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let output = network.forward(parameters: theta, input: input, rows: rows)
        let reference = ReferenceMLP.forward(network, theta.map(Double.init), input.map(Double.init), rows: rows)
        #expect(maximumAbsoluteDifference(output, reference) < 1e-5)
    }

    /// Jᵀū against central differences of ū·f(θ) in Double (h = 1e-6): relative error ≤ 1e-4;
    /// the input gradient likewise.
    @Test(arguments: 0..<4) func pullbackMatchesFiniteDifferences(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 20 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let cotangent = (0..<(rows * network.outputWidth)).map { _ in Float(stream.nextNormal()) }
        let (gradient, inputGradient) = network.pullback(
            parameters: theta, input: input, rows: rows, outputCotangent: cotangent)
        let thetaD = theta.map(Double.init), inputD = input.map(Double.init), u = cotangent.map(Double.init)
        func objective(_ t: [Double], _ x: [Double]) -> Double {
            zip(ReferenceMLP.forward(network, t, x, rows: rows), u).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let numeric = centralDifferenceGradient(of: { objective($0, inputD) }, at: thetaD, step: 1e-6)
        let numericInput = centralDifferenceGradient(of: { objective(thetaD, $0) }, at: inputD, step: 1e-6)
        #expect(relativeError(gradient, numeric) < 1e-4)
        #expect(relativeError(inputGradient, numericInput) < 1e-4)
    }

    /// J θ̇ against central differences of f(θ + hθ̇) in Double: relative error ≤ 1e-4.
    @Test(arguments: 0..<4) func differentialMatchesFiniteDifferences(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 30 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let tangent = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
        let jvp = network.differential(parameters: theta, input: input, rows: rows, parameterTangent: tangent)
        let h = 1e-6
        let thetaD = theta.map(Double.init), inputD = input.map(Double.init)
        let plus = ReferenceMLP.forward(network, zip(thetaD, tangent).map { $0 + h * Double($1) }, inputD, rows: rows)
        let minus = ReferenceMLP.forward(network, zip(thetaD, tangent).map { $0 - h * Double($1) }, inputD, rows: rows)
        let numeric = zip(plus, minus).map { ($0 - $1) / (2 * h) }
        #expect(relativeError(jvp, numeric) < 1e-4)
    }

    /// uᵀ(J w) = (Jᵀu)ᵀw to 1e-5 relative.
    @Test(arguments: 0..<4) func pullbackIsAdjointOfDifferential(index: Int) {
        let (network, rows) = Self.shapes[index]
        var stream = RandomStream(seed: 40 + UInt64(index))
        let (theta, input) = randomCase(network, rows: rows, stream: &stream)
        let w = (0..<network.parameterCount).map { _ in Float(stream.nextNormal()) }
        let u = (0..<(rows * network.outputWidth)).map { _ in Float(stream.nextNormal()) }
        let jw = network.differential(parameters: theta, input: input, rows: rows, parameterTangent: w)
        let jtu = network.pullback(parameters: theta, input: input, rows: rows, outputCotangent: u).parameterGradient
        let left = VectorOperations.dot(u, jw), right = VectorOperations.dot(jtu, w)
        #expect(abs(left - right) <= 1e-5 * max(abs(left), abs(right), 1))
    }

    /// A batch larger than the workspace's first capacity, and passes that reuse one workspace.
    @Test func workspaceGrowsAndIsReusable() {
        let network = MLP(widths: [3, 8, 2])
        var stream = RandomStream(seed: 50)
        let (theta, input) = randomCase(network, rows: 20, stream: &stream)
        let workspace = MLPWorkspace(network: network, capacity: 2)
        var outputs: [[Float]] = []
        for _ in 0..<2 {
            theta.withUnsafeBufferPointer { t in
                input.withUnsafeBufferPointer { x in
                    network.forward(parameters: t.baseAddress!, input: x.baseAddress!, rows: 20, workspace: workspace)
                }
            }
            outputs.append(Array(workspace.output))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == network.forward(parameters: theta, input: input, rows: 20))
    }
}
