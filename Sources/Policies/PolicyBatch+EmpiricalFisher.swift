import DenseLinearAlgebra
import NeuralNetworks

// MARK: - The empirical Fisher matrix

extension PolicyBatch {
    /// F̂ v + λ v at the evaluated θ, with F̂ = (1/N) Σᵢ gᵢ gᵢᵀ the covariance of the per-sample
    /// gradients gᵢ = ∇_θ log π_θ(aᵢ|sᵢ) (the "empirical FIM" of Schulman et al. 2015, §8.1).
    ///
    /// F̂ v = (1/N) Σᵢ gᵢ (gᵢᵀ v) needs no stored gᵢ: one forward-mode pass gives J v per row, so
    /// gᵢᵀ v = (∂ log πᵢ/∂ outputsᵢ)·(J v)ᵢ + (∂ log πᵢ/∂ extra)·v_extra, and the reverse-mode pass
    /// of the weighted log-likelihood Σᵢ wᵢ log πᵢ with wᵢ = gᵢᵀv / N is the product. Both passes
    /// run in the same blocks as `fisherVectorProduct`, so the sums have a fixed order.
    public func empiricalFisherVectorProduct(_ vector: [Float], damping: Float) -> [Float] {
        precondition(vector.count == policy.parameterCount, "v has the wrong size")
        let scale = 1 / Double(max(reduction.total(rows), 1))
        let distributions = distributions
        let actions = actions
        let extraCount = policy.distribution.extraParameterCount
        let extraTangent = Array(vector[policy.extraParameterOffset...])
        let extraGradients = distributions.extraParameterLogProbabilityGradients(actions: actions)
        let unitWeights = [Double](repeating: 1, count: rows)
        let width = policy.distribution.outputWidth
        var weights = [Double](repeating: 0, count: rows)
        // Every row's weight enters the log σ block below, so this product needs every block's
        // activations, not only this participant's (`evaluate` ran its share in a distributed run).
        if ownedBlocks.count < blocks.blockCount { blocks.forward(parameters: parameters) }
        let partials = weights.withUnsafeMutableBufferPointer { weights in
            blocks.blockPullbacks(parameters: parameters, tangent: vector) { block, _, jvp, cotangent in
                guard let jvp else { return }
                let range = blocks.rowRange(block: block)
                // ∂ log πᵢ/∂ outputsᵢ, then scaled in place by wᵢ: the cotangent of Σᵢ wᵢ log πᵢ.
                distributions.writeLogProbabilityCotangent(
                    rows: range, actions: actions, weights: unitWeights, entropyWeight: 0, into: cotangent)
                for (local, row) in range.enumerated() {
                    var directional = 0.0
                    for e in 0..<extraCount {
                        directional += extraGradients[row * extraCount + e] * Double(extraTangent[e])
                    }
                    for k in (local * width)..<((local + 1) * width) {
                        directional += Double(cotangent[k]) * Double(jvp[k])
                    }
                    weights[row] = directional * scale
                    for k in (local * width)..<((local + 1) * width) {
                        cotangent[k] = Float(Double(cotangent[k]) * weights[row])
                    }
                }
            }
        }
        var product = reduction.sum(blocks: partials, count: policy.network.parameterCount)
        product.append(contentsOf: distributions.extraParameterGradient(
            actions: actions, weights: weights, entropyWeight: 0, reduction: reduction))
        for index in product.indices { product[index] += damping * vector[index] }
        return product
    }
}
