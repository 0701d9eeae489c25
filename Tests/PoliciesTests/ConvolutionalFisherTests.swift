import DenseLinearAlgebra
import Foundation
import Testing
import _TestSupport
@testable import NeuralNetworks
@testable import Policies

/// The Fisher-vector product of a convolutional categorical policy stays Jᵀ M J (one
/// differential, one pullback per block), and equals the Hessian of the mean KL.
@Suite struct ConvolutionalFisherTests {
    static let rows = 5
    let network: ConvolutionalNetwork
    let policy: Policy
    let observations: [Float]
    let theta: [Float]

    init() throws {
        network = try ConvolutionalNetwork(
            inputHeight: 9, inputWidth: 8, inputChannels: 2,
            hiddenLayers: [.convolution(filters: 3, kernel: 3, stride: 2), .dense(width: 6)], outputWidth: 4,
            activation: .tanh)
        policy = Policy(network: network, distribution: CategoricalDistribution(actionCount: 4))
        var stream = RandomStream(seed: 15)
        theta = (0..<policy.parameterCount).map { _ in Float(stream.nextNormal() * 0.4) }
        observations = (0..<(Self.rows * network.inputWidth)).map { _ in Float(stream.nextInt(below: 256)) }
    }

    /// The mean KL(π_old‖π_new) over the states, from the Double reference network.
    func meanDivergence(old: [Double], new: [Double]) -> Double {
        let input = observations.map(Double.init)
        let p = ReferenceConvolutionalNetwork.forward(network, old, input, rows: Self.rows)
        let q = ReferenceConvolutionalNetwork.forward(network, new, input, rows: Self.rows)
        func logSoftmax(_ logits: ArraySlice<Double>) -> [Double] {
            let top = logits.max() ?? 0
            let normalizer = top + Foundation.log(logits.reduce(0) { $0 + Foundation.exp($1 - top) })
            return logits.map { $0 - normalizer }
        }
        var total = 0.0
        for row in 0..<Self.rows {
            let logP = logSoftmax(p[(row * 4)..<(row * 4 + 4)]), logQ = logSoftmax(q[(row * 4)..<(row * 4 + 4)])
            for action in 0..<4 { total += Foundation.exp(logP[action]) * (logP[action] - logQ[action]) }
        }
        return total / Double(Self.rows)
    }

    /// F v = Jᵀ M J v against the Hessian of D̄_KL(θ_old, ·) at θ_old applied to v, by central second
    /// differences in Double (h = 1e-4): relative error ≤ 1e-3; the same bits on 1 and 2 threads.
    @Test func fisherProductMatchesKLHessian() {
        var stream = RandomStream(seed: 16)
        let v = (0..<policy.parameterCount).map { _ in Float(stream.nextNormal()) }
        var products: [[Float]] = []
        for threads in [1, 2] {
            let batch = PolicyBatch(
                policy: policy, observations: observations, actions: [Float](repeating: 0, count: Self.rows),
                rows: Self.rows, blockSize: 2, threads: threads)
            batch.evaluate(at: theta)
            products.append(batch.fisherVectorProduct(v, damping: 0))
        }
        #expect(products[0] == products[1])
        let old = theta.map(Double.init)
        let h = 1e-4
        func directionalDerivative(at point: [Double]) -> Double {
            centralDifferenceGradient(
                of: { s in meanDivergence(old: old, new: zip(point, v).map { $0 + s[0] * Double($1) }) },
                at: [0.0], step: h)[0]
        }
        let numeric = centralDifferenceGradient(of: directionalDerivative(at:), at: old, step: h)
        #expect(relativeError(products[0], numeric) < 1e-3)
    }
}
