import DenseLinearAlgebra
import Testing
import _TestSupport
@testable import NeuralNetworks

/// Two heads of one trunk (`OutputColumns`): each is its base's columns, with the base's derivatives.
@Suite struct OutputColumnsTests {
    /// A small trunk with three outputs: a two-column "policy" head and a one-column "value" head.
    static let base: ConvolutionalNetwork = {
        // Valid by construction; a failure here is a test bug.
        (try? ConvolutionalNetwork(
            inputHeight: 8, inputWidth: 7, inputChannels: 2, inputLayout: .channelsFirst,
            hiddenLayers: [.convolution(filters: 3, kernel: 3, stride: 2), .dense(width: 5)], outputWidth: 3))!
    }()
    static let policy = OutputColumns(base: base, columns: 0..<2, otherColumnsGain: 1)
    static let value = OutputColumns(base: base, columns: 2..<3, otherColumnsGain: 0.01, trailingParameters: 2)

    func randomCase(rows: Int, seed: UInt64) -> (theta: [Float], input: [Float], stream: RandomStream) {
        var stream = RandomStream(seed: seed)
        let theta = (0..<Self.base.parameterCount).map { _ in Float(stream.nextNormal() * 0.5) }
        let input = (0..<(rows * Self.base.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
        return (theta, input, stream)
    }

    /// Each head's outputs are its columns of the base's, bit for bit, through blocks of 2 rows.
    @Test func forwardSelectsTheBaseColumns() {
        let rows = 5
        let (theta, input, _) = randomCase(rows: rows, seed: 1)
        let full = Self.base.outputs(parameters: theta, input: input, rows: rows)
        let evaluator = Self.policy.makeBlockedEvaluator(inputs: input, rows: rows, blockSize: 2)
        evaluator.forward(parameters: theta)
        let policyColumns: [Float] = (0..<rows).flatMap { row -> [Float] in [full[row * 3], full[row * 3 + 1]] }
        #expect(evaluator.allOutputs() == policyColumns)
        let values = Self.value.makeBlockedEvaluator(inputs: input, rows: rows, blockSize: 2)
        values.forward(parameters: theta + [7, 8])
        let valueColumn: [Float] = (0..<rows).map { row -> Float in full[row * 3 + 2] }
        #expect(values.allOutputs() == valueColumn)
    }

    /// Jᵀū of a head against central differences of ū·head(θ) on the Double reference (relative
    /// error ≤ 1e-4); the ignored trailing entries get no gradient.
    @Test func pullbackMatchesFiniteDifferences() {
        let rows = 3
        var (theta, input, stream) = randomCase(rows: rows, seed: 2)
        let cotangent = (0..<rows).map { _ in Float(stream.nextNormal()) }
        theta += [0.3, -0.4]
        let (gradient, _) = Self.value.vectorJacobianProduct(
            parameters: theta, input: input, rows: rows, outputCotangent: cotangent)
        func objective(_ t: [Double]) -> Double {
            let outputs = ReferenceConvolutionalNetwork.forward(
                Self.base, Array(t[0..<Self.base.parameterCount]), input.map(Double.init), rows: rows)
            return (0..<rows).reduce(0) { $0 + outputs[$1 * 3 + 2] * Double(cotangent[$1]) }
        }
        let numeric = centralDifferenceGradient(of: objective, at: theta.map(Double.init), step: 1e-6)
        #expect(gradient.count == Self.base.parameterCount + 2)
        #expect(relativeError(gradient, numeric) < 1e-4)
        #expect(gradient.suffix(2) == [0, 0])
    }

    /// J θ̇ of a head is its columns of the base's J θ̇, bit for bit.
    @Test func differentialSelectsTheBaseColumns() {
        let rows = 4
        let (theta, input, initial) = randomCase(rows: rows, seed: 3)
        var stream = initial
        let tangent = (0..<Self.base.parameterCount).map { _ in Float(stream.nextNormal()) }
        let full = Self.base.jacobianVectorProduct(parameters: theta, input: input, rows: rows, parameterTangent: tangent)
        let head = Self.policy.jacobianVectorProduct(parameters: theta, input: input, rows: rows, parameterTangent: tangent)
        let selected: [Float] = (0..<rows).flatMap { row -> [Float] in [full[row * 3], full[row * 3 + 1]] }
        #expect(head == selected)
    }

    /// The policy head draws its columns at the gain it is given and the value column at 1, each an
    /// orthogonal block of its own; with one gain throughout, the bits of `initialParameters(outputGain:)`.
    @Test func initialisationDrawsEachHeadAtItsGain() {
        var stream = RandomStream(seed: 4)
        let theta = Self.policy.initialParameters(outputGain: 0.01, stream: &stream)
        let output = Self.base.stages[Self.base.stages.count - 1]
        func columnNorm(_ column: Int) -> Double {
            (0..<output.patchSize).reduce(0) { sum, row in
                let weight = Double(theta[output.weightOffset + row * 3 + column])
                return sum + weight * weight
            }.squareRoot()
        }
        // A 5 × 2 block has orthonormal columns scaled by the gain; the 5 × 1 value column likewise.
        #expect(abs(columnNorm(0) - 0.01) < 1e-6 && abs(columnNorm(1) - 0.01) < 1e-6)
        #expect(abs(columnNorm(2) - 1) < 1e-6)
        var first = RandomStream(seed: 5), second = RandomStream(seed: 5)
        #expect(
            Self.base.initialParameters(columnGains: [0.5, 0.5, 0.5], stream: &first)
                == Self.base.initialParameters(outputGain: 0.5, stream: &second))
        var third = RandomStream(seed: 5)
        #expect(
            OrthogonalInitialization.columnBlocks(rows: 6, columnGains: [2, 2, 2], stream: &third)
                == { var s = RandomStream(seed: 5); return OrthogonalInitialization.matrix(rows: 6, columns: 3, gain: 2, stream: &s) }())
    }

    /// A file's architecture rebuilds the head: the same base, columns and trailing entries.
    @Test func architectureRoundTrips() throws {
        let rebuilt = try Self.value.architecture.network()
        #expect(rebuilt.architecture == Self.value.architecture)
        #expect(rebuilt.parameterCount == Self.base.parameterCount + 2 && rebuilt.outputWidth == 1)
        var broken = Self.value.architecture
        broken.attributes["columns"] = "2,9"
        #expect(throws: NetworkArchitectureError.self) { try broken.network() }
    }
}
