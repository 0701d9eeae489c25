import DenseLinearAlgebra
import NeuralNetworks
import RealModule

/// A stochastic policy π_θ(a|s): an MLP from observations to distribution parameters, and a head.
///
/// θ is one flat vector: the network's parameters, then (for a Gaussian head) log σ.
public struct Policy: Sendable, Hashable, Codable {
    /// The network from observations to logits or means.
    public let network: MLP
    /// The action distribution.
    public let head: PolicyHead

    /// A policy with the given observation width, hidden layers and head.
    public init(observationWidth: Int, hiddenWidths: [Int], activation: Activation = .tanh, head: PolicyHead) {
        network = MLP(
            inputWidth: observationWidth, hiddenWidths: hiddenWidths, outputWidth: head.outputWidth,
            activation: activation)
        self.head = head
    }

    /// |θ|.
    public var parameterCount: Int { network.parameterCount + head.extraParameterCount }
    /// The offset of log σ in θ (a Gaussian head's).
    public var logStdOffset: Int { network.parameterCount }
    /// The observation width.
    public var observationWidth: Int { network.inputWidth }

    /// SB3's initialisation: orthogonal, gain 0.01 on the head so the first policy is nearly uniform
    /// (or centred), zero biases, log σ = `logStdInit`.
    public func initialParameters(logStdInit: Float = 0, stream: inout RandomStream) -> [Float] {
        var theta = network.initialParameters(outputGain: 0.01, stream: &stream)
        theta.append(contentsOf: [Float](repeating: logStdInit, count: head.extraParameterCount))
        return theta
    }
}

/// Actions chosen for a batch of states by `Policy.act`.
public struct PolicyActions: Sendable, Hashable {
    /// rows × head.actionWidth (a categorical index as a Float).
    public var actions: [Float]
    /// log π(a|s) of each row.
    public var logProbabilities: [Double]
    /// The network outputs (logits or μ), rows × head.outputWidth: the "old" distribution later.
    public var outputs: [Float]
}

// MARK: - Acting

extension Policy {
    /// Samples (or, if `deterministic`, takes the mode of) an action for each of `rows` observations.
    ///
    /// Rows consume `stream` in order, so the draws do not depend on threads.
    public func act(
        parameters: [Float], observations: [Float], rows: Int, deterministic: Bool,
        stream: inout RandomStream, workspace: MLPWorkspace
    ) -> PolicyActions {
        parameters.withUnsafeBufferPointer { theta in
            observations.withUnsafeBufferPointer { x in
                if let t = theta.baseAddress, let xb = x.baseAddress {
                    network.forward(parameters: t, input: xb, rows: rows, workspace: workspace)
                }
            }
        }
        let outputs = Array(workspace.output)
        var actions = [Float](repeating: 0, count: rows * head.actionWidth)
        var logProbabilities = [Double](repeating: 0, count: rows)
        switch head {
        case .categorical(let count):
            var logP = [Double](repeating: 0, count: count)
            outputs.withUnsafeBufferPointer { z in
                guard let zb = z.baseAddress else { return }
                for row in 0..<rows {
                    let logits = zb + row * count
                    Categorical.logProbabilities(logits: logits, count: count, into: &logP)
                    let index = deterministic
                        ? Categorical.mode(logits: logits, count: count)
                        : Categorical.sample(logProbabilities: logP, count: count, uniform: stream.nextUniform())
                    actions[row] = Float(index)
                    logProbabilities[row] = logP[index]
                }
            }
        case .diagonalGaussian(let dimension):
            let logStd = Array(parameters[logStdOffset..<(logStdOffset + dimension)])
            for row in 0..<rows {
                for d in 0..<dimension {
                    let noise = deterministic ? 0 : Float(stream.nextNormal())
                    actions[row * dimension + d] = outputs[row * dimension + d] + Float.exp(logStd[d]) * noise
                }
            }
            actions.withUnsafeBufferPointer { a in
                outputs.withUnsafeBufferPointer { m in
                    guard let ab = a.baseAddress, let mb = m.baseAddress else { return }
                    for row in 0..<rows {
                        logProbabilities[row] = DiagonalGaussian.logProbability(
                            action: ab + row * dimension, mean: mb + row * dimension, logStd: logStd,
                            dimension: dimension)
                    }
                }
            }
        }
        return PolicyActions(actions: actions, logProbabilities: logProbabilities, outputs: outputs)
    }
}
