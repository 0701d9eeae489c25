import DenseLinearAlgebra
import Testing
@testable import NeuralNetworks

@Suite struct InitializationAndAdamTests {
    /// WᵀW = gain²·I for a tall matrix and WWᵀ = gain²·I for a wide one, to 1e-5.
    @Test(arguments: [(64, 11), (11, 64), (64, 64)])
    func orthogonalMatricesAreOrthogonal(shape: (Int, Int)) {
        let (rows, columns) = shape
        var stream = RandomStream(seed: 1)
        let gain: Float = 1.5
        let w = OrthogonalInitialization.matrix(rows: rows, columns: columns, gain: gain, stream: &stream)
        let narrow = min(rows, columns)
        for i in 0..<narrow {
            for j in 0..<narrow {
                var sum = 0.0
                for p in 0..<max(rows, columns) {
                    sum += rows >= columns
                        ? Double(w[p * columns + i]) * Double(w[p * columns + j])
                        : Double(w[i * columns + p]) * Double(w[j * columns + p])
                }
                #expect(abs(sum - (i == j ? Double(gain * gain) : 0)) < 1e-5)
            }
        }
    }

    /// The pointer loops give the bits of Gram–Schmidt written term by term over arrays (the
    /// original code, kept here as the reference), tall, wide and square.
    @Test(arguments: [(96, 13), (13, 96), (40, 40)])
    func orthogonalMatricesKeepTheirBits(shape: (Int, Int)) {
        let (rows, columns) = shape
        var stream = RandomStream(seed: 9)
        let fast = OrthogonalInitialization.matrix(rows: rows, columns: columns, gain: 1.3, stream: &stream)
        var reference = RandomStream(seed: 9)
        let (tall, narrow) = (max(rows, columns), min(rows, columns))
        var vectors = [[Double]]()
        for _ in 0..<narrow {
            var vector = (0..<tall).map { _ in reference.nextNormal() }
            for _ in 0..<2 {
                for basis in vectors {
                    let projection = zip(vector, basis).reduce(0) { $0 + $1.0 * $1.1 }
                    for index in 0..<tall { vector[index] -= projection * basis[index] }
                }
            }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            vectors.append(norm > 0 ? vector.map { $0 / norm } : vector)
        }
        let expected = (0..<(rows * columns)).map { index in
            let (row, column) = (index / columns, index % columns)
            return Float(1.3) * Float(rows >= columns ? vectors[column][row] : vectors[row][column])
        }
        #expect(fast == expected)
        #expect(stream == reference)
    }

    @Test func initialParametersHaveZeroBiasesAndHeadGain() {
        let network = MLP(widths: [4, 16, 16, 2])
        var stream = RandomStream(seed: 2)
        let theta = network.initialParameters(outputGain: 0.01, stream: &stream)
        for layer in 0..<network.layerCount {
            let bias = network.biasOffset(layer: layer)
            #expect(theta[bias..<(bias + network.widths[layer + 1])].allSatisfy { $0 == 0 })
        }
        let head = network.weightOffset(layer: 2)
        let headNorm = (head..<network.biasOffset(layer: 2)).reduce(0.0) { $0 + Double(theta[$1] * theta[$1]) }
        // A 16 × 2 orthogonal block has squared Frobenius norm 2·gain².
        #expect(abs(headNorm - 2 * 0.0001) < 1e-8)
    }

    /// Adam's first step moves each coordinate by lr·sign(g) (bias correction makes m̂/√v̂ = ±1);
    /// and it minimises a convex quadratic.
    @Test func adamStepsAndConverges() {
        var adam = Adam(parameterCount: 3, learningRate: 0.1)
        var theta: [Float] = [1, -2, 3]
        adam.update(parameters: &theta, gradient: [2, -0.5, 0.001])
        #expect(abs(theta[0] - 0.9) < 1e-5 && abs(theta[1] + 1.9) < 1e-5 && abs(theta[2] - 2.9) < 1e-4)
        for _ in 0..<2000 {
            let gradient = theta.map { 2 * $0 }  // ∇‖θ‖²
            adam.update(parameters: &theta, gradient: gradient)
        }
        #expect(theta.allSatisfy { abs($0) < 1e-2 })
        #expect(adam.step == 2001)
    }
}

@Suite struct AdamKernelTests {
    /// The vectorised step gives exactly the bits of the plain Swift loop, over many steps with
    /// gradients of every scale (and a zero), for a length that leaves a vector remainder.
    @Test func kernelMatchesSwiftLoopBitForBit() {
        var stream = RandomStream(seed: 21)
        let count = 1_037
        var parameters = (0..<count).map { _ in Float(stream.nextNormal()) }
        var reference = parameters
        var kernel = Adam(parameterCount: count, learningRate: 3e-3, epsilon: 1e-5)
        var loop = kernel
        for step in 0..<50 {
            let scale: Float = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000][step % 7]
            var gradient = (0..<count).map { _ in Float(stream.nextNormal()) * scale }
            gradient[step % count] = 0
            kernel.update(parameters: &parameters, gradient: gradient)
            loop.referenceUpdate(parameters: &reference, gradient: gradient)
        }
        #expect(parameters.map(\.bitPattern) == reference.map(\.bitPattern))
        #expect(kernel.firstMoment.map(\.bitPattern) == loop.firstMoment.map(\.bitPattern))
        #expect(kernel.secondMoment.map(\.bitPattern) == loop.secondMoment.map(\.bitPattern))
    }
}
