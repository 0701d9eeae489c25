import DenseLinearAlgebra
import NeuralNetworks

// MARK: - Gradients

extension PolicyBatch {
    /// ∇_θ [Σ_i wᵢ log π_θ(aᵢ|sᵢ) + c·(1/N) Σ_i H(π_θ(·|sᵢ))] at the evaluated θ.
    ///
    /// Every policy-gradient objective is this with its own weights: the surrogate
    /// L = (1/N) Σ rᵢ Âᵢ has ∂L/∂log πᵢ = rᵢ Âᵢ / N (r = π_θ/π_old); PPO's clipped objective zeroes
    /// the clipped rows; REINFORCE uses Âᵢ / N. `entropyWeight` is c.
    public func gradient(logProbabilityWeights weights: [Double], entropyWeight: Double = 0) -> [Float] {
        precondition(weights.count == rows, "one weight per row")
        let distributions = distributions
        let partials = blocks.blockPullbacks(
            parameters: parameters, tangent: nil, share: ownedBlocks
        ) { block, _, _, cotangent in
            distributions.writeLogProbabilityCotangent(
                rows: blocks.rowRange(block: block), actions: actions, weights: weights, entropyWeight: entropyWeight,
                into: cotangent)
        }
        var gradient = reduction.sum(blocks: partials, count: policy.network.parameterCount)
        gradient.append(contentsOf: distributions.extraParameterGradient(
            actions: actions, weights: weights, entropyWeight: entropyWeight, reduction: reduction))
        return gradient
    }
}

// MARK: - Fisher-vector products

extension PolicyBatch {
    /// F v + λ v at the evaluated θ, in Schulman et al.'s Jᵀ M J form (2015, Appendix C.1).
    ///
    /// F = (1/N) Σᵢ Jᵢᵀ M(μᵢ) Jᵢ, the Hessian of the mean KL(π_old‖π_θ) at θ = θ_old: one forward-mode
    /// pass gives J v, the distribution's Fisher metric M scales it (categorical:
    /// diag(p) − ppᵀ; Gaussian mean: diag(1/σ²)), and one reverse-mode pass gives Jᵀ(M J v). The
    /// block of the distribution's extra parameters (a Gaussian's log σ: 2·I) is constant across
    /// states and added in closed form. λ is the damping.
    public func fisherVectorProduct(_ vector: [Float], damping: Float) -> [Float] {
        precondition(vector.count == policy.parameterCount, "v has the wrong size")
        let scale = 1 / Double(max(reduction.total(rows), 1))
        let distributions = distributions
        let partials = blocks.blockPullbacks(
            parameters: parameters, tangent: vector, share: ownedBlocks
        ) { block, _, jvp, cotangent in
            guard let jvp else { return }
            distributions.writeFisherProduct(
                rows: blocks.rowRange(block: block), tangent: jvp, scale: scale, into: cotangent)
        }
        var product = reduction.sum(blocks: partials, count: policy.network.parameterCount)
        product.append(contentsOf: distributions.extraFisherProduct(vector[policy.extraParameterOffset...]))
        for index in product.indices { product[index] += damping * vector[index] }
        return product
    }
}
