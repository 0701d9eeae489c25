import DenseLinearAlgebra
import NeuralNetworks
import Policies

/// The value-function baseline V_φ(s) and its regression onto λ-returns.
///
/// SB3-contrib's scheme (REFERENCE.md §1.6): after the policy step, `epochs` passes over the batch
/// in shuffled minibatches, each an Adam step on the mean squared error to the returns.
public enum CriticFit {
    /// The critic network for observations of `observationWidth`.
    public static func network(observationWidth: Int, configuration: TrainingConfiguration) -> any DifferentiableNetwork {
        MLP(
            inputWidth: observationWidth, hiddenWidths: configuration.valueHiddenWidths, outputWidth: 1,
            activation: configuration.activation)
    }

    /// V(s) for `rows` observations.
    public static func values(
        network: any DifferentiableNetwork, parameters: [Float], observations: [Float], rows: Int, threads: Int
    ) -> [Float] {
        values(network: network, parameters: parameters, observations: InputRows(floats: observations), rows: rows, threads: threads)
    }

    /// V(s) for `rows` observations stored as `Float`s or bytes.
    public static func values(
        network: any DifferentiableNetwork, parameters: [Float], observations: InputRows, rows: Int, threads: Int
    ) -> [Float] {
        let blocks = network.makeBlockedEvaluator(inputs: observations, rows: rows, threads: threads)
        blocks.forward(parameters: parameters)
        return blocks.allOutputs()
    }

    /// Fits φ to `returns`; returns the mean minibatch loss over all epochs.
    ///
    /// With `clipping`, each prediction is first clipped to V_old(s) ± ε_vf (SB3's PPO
    /// `clip_range_vf`): the loss is (V_old + clip(V_φ − V_old, −ε_vf, ε_vf) − R)², whose gradient is
    /// zero where the clip is active. Kept out of line so that profiles show the critic's share
    /// (Benchmarks/speed/phase_profile.py); it runs once per iteration.
    @inline(never)
    public static func fit(
        network: any DifferentiableNetwork, parameters: inout [Float], optimizer: inout Adam,
        observations: InputRows, returns: [Double], epochs: Int, batchSize: Int,
        maxGradientNorm: Double?, clipping: ValueClipping? = nil, threads: Int,
        reduction: any SampleReduction = LocalReduction(), stream: inout RandomStream
    ) -> Double {
        let rows = returns.count
        let width = network.inputWidth
        var lossTotal = 0.0
        var lossCount = 0
        var order = Array(0..<rows)
        // Blocks of 64 rows: the minibatches (often 128) still split across threads; the block size,
        // not the thread count, fixes the summation order.
        let blocks = network.makeBlockedEvaluator(inputs: [], rows: 0, blockSize: 64, threads: threads)
        // Minibatches keep the batch's storage (bytes for images): the network reads either.
        var inputs = InputRows(storage: observations.storage, capacity: min(batchSize, rows) * width)
        for _ in 0..<epochs {
            Shuffle.permute(&order, stream: &stream)
            var start = 0
            while start < rows {
                let indices = order[start..<min(start + batchSize, rows)]
                start += batchSize
                inputs.gather(observations, width: width, rows: indices)
                var (gradient, loss) = minibatchGradient(
                    network: network, blocks: blocks, parameters: parameters, inputs: inputs, indices: indices,
                    returns: returns, clipping: clipping, reduction: reduction)
                lossTotal += loss
                lossCount += 1
                GradientClipping.clip(&gradient, maxNorm: maxGradientNorm)
                optimizer.update(parameters: &parameters, gradient: gradient)
            }
        }
        return lossCount > 0 ? lossTotal / Double(lossCount) : 0
    }

    /// 1 − Var(returns − values)/Var(returns): the fraction of return variance the baseline explains.
    public static func explainedVariance(values: [Float], returns: [Double]) -> Double {
        let count = Double(returns.count)
        guard count > 1 else { return .nan }
        let mean = returns.reduce(0, +) / count
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        let residuals = zip(returns, values).map { $0 - Double($1) }
        let residualMean = residuals.reduce(0, +) / count
        let residualVariance = residuals.reduce(0) { $0 + ($1 - residualMean) * ($1 - residualMean) } / count
        return variance == 0 ? .nan : 1 - residualVariance / variance
    }
}

/// PPO's value clipping: the critic's predictions are kept within `range` of `oldValues`.
public struct ValueClipping: Sendable {
    /// V_old(sᵢ), the critic's values at collection, one per batch row.
    public var oldValues: [Float]
    /// ε_vf (`clip_range_vf`).
    public var range: Double

    /// Clipping around `oldValues` with half-width `range`.
    public init(oldValues: [Float], range: Double) {
        self.oldValues = oldValues
        self.range = range
    }

    /// The prediction entering the loss for `output` where the value at collection was `oldValue`,
    /// and whether it still depends on the parameters (false where the clip is active).
    public func clipped(_ output: Float, oldValue: Double) -> (value: Double, isFree: Bool) {
        let change = Double(output) - oldValue
        let bounded = min(max(change, -range), range)
        return (oldValue + bounded, bounded == change)
    }
}

/// Rescaling a gradient to a maximum Euclidean norm (SB3's max_grad_norm).
public enum GradientClipping {
    /// g ← g · min(1, maxNorm/‖g‖); nothing when `maxNorm` is nil. `norm` is ‖g‖ if the caller
    /// has it already (`VectorOperations.norm(gradient)`, the same bits), computed here otherwise.
    public static func clip(_ gradient: inout [Float], maxNorm: Double?, norm known: Double? = nil) {
        guard let maxNorm else { return }
        let norm = known ?? VectorOperations.norm(gradient)
        if norm > maxNorm, norm > 0 { VectorOperations.scale(&gradient, by: Float(maxNorm / norm)) }
    }
}
