import DenseLinearAlgebra
import NeuralNetworks

/// A stochastic policy π_θ(a|s): a differentiable network from observations to distribution
/// parameters, and the action distribution they parameterise.
///
/// θ is one flat vector: the network's parameters, then the distribution's extra parameters (a
/// Gaussian's log σ). Any `DifferentiableNetwork` and any `PolicyDistribution` combine.
public struct Policy: Sendable {
    /// The network from observations to logits or means.
    public let network: any DifferentiableNetwork
    /// The action distribution.
    public let distribution: any PolicyDistribution

    /// A policy of `network` and `distribution`, whose widths must agree.
    public init(network: any DifferentiableNetwork, distribution: any PolicyDistribution) {
        precondition(network.outputWidth == distribution.outputWidth, "network output ≠ distribution parameters")
        self.network = network
        self.distribution = distribution
    }

    /// An MLP policy with the given observation width, hidden layers and distribution.
    public init(
        observationWidth: Int, hiddenWidths: [Int], activation: Activation = .tanh,
        distribution: any PolicyDistribution
    ) {
        self.init(
            network: MLP(
                inputWidth: observationWidth, hiddenWidths: hiddenWidths, outputWidth: distribution.outputWidth,
                activation: activation),
            distribution: distribution)
    }

    /// |θ|.
    public var parameterCount: Int { network.parameterCount + distribution.extraParameterCount }
    /// The offset of the distribution's extra parameters (log σ) in θ.
    public var extraParameterOffset: Int { network.parameterCount }
    /// The observation width.
    public var observationWidth: Int { network.inputWidth }

    /// The extra parameters (log σ) of θ.
    public func extraParameters(of parameters: [Float]) -> [Float] {
        Array(parameters[extraParameterOffset..<parameterCount])
    }

    /// SB3's initialisation: orthogonal, gain 0.01 on the output layer so the first policy is
    /// nearly uniform (or centred), zero biases, log σ = `logStdInit`.
    public func initialParameters(logStdInit: Float = 0, stream: inout RandomStream) -> [Float] {
        var theta = network.initialParameters(outputGain: 0.01, stream: &stream)
        theta.append(contentsOf: distribution.initialExtraParameters(logStdInit: logStdInit))
        return theta
    }

    /// An evaluator for acting on up to `rows` observations at a time (one block: one pass).
    public func makeActingEvaluator(rows: Int) -> any BatchEvaluator {
        network.makeBlockedEvaluator(inputs: [], rows: 0, blockSize: max(rows, 1))
    }
}

extension Policy: Equatable {
    /// Same network architecture and distribution.
    public static func == (left: Policy, right: Policy) -> Bool {
        left.network.architecture == right.network.architecture
            && left.distribution.descriptor == right.distribution.descriptor
    }
}

/// Actions chosen for a batch of states by `Policy.act`.
public struct PolicyActions: Sendable, Hashable {
    /// rows × distribution.actionWidth (discrete indices as Floats).
    public var actions: [Float]
    /// log π(a|s) of each row.
    public var logProbabilities: [Double]
    /// The network outputs (logits or μ), rows × outputWidth: the "old" distribution later.
    public var outputs: [Float]
}

// MARK: - Acting

extension Policy {
    /// Samples (or, if `deterministic`, takes the mode of) an action for each of `rows` observations.
    ///
    /// Rows consume `stream` in order, so the draws do not depend on threads.
    public func act(
        parameters: [Float], observations: [Float], rows: Int, deterministic: Bool,
        stream: inout RandomStream, evaluator: any BatchEvaluator
    ) -> PolicyActions {
        act(
            parameters: parameters, observations: InputRows(floats: observations), rows: rows,
            deterministic: deterministic, stream: &stream, evaluator: evaluator)
    }

    /// As `act` on observations stored as `Float`s or bytes (the rollout buffer's storage).
    public func act(
        parameters: [Float], observations: InputRows, rows: Int, deterministic: Bool,
        stream: inout RandomStream, evaluator: any BatchEvaluator
    ) -> PolicyActions {
        evaluator.load(inputs: observations, rows: rows)
        evaluator.forward(parameters: parameters)
        return act(outputs: evaluator.allOutputs(), parameters: parameters, rows: rows, deterministic: deterministic, stream: &stream)
    }

    /// As `act` from the network's outputs for the rows, already computed (rows × outputWidth):
    /// for a caller that ran a network π's is a head of.
    public func act(
        outputs: [Float], parameters: [Float], rows: Int, deterministic: Bool, stream: inout RandomStream
    ) -> PolicyActions {
        let acted = distribution.act(
            outputs: outputs, extraParameters: extraParameters(of: parameters), rows: rows,
            deterministic: deterministic, stream: &stream)
        return PolicyActions(actions: acted.actions, logProbabilities: acted.logProbabilities, outputs: outputs)
    }
}
