import NeuralNetworks
import RealModule

// MARK: - Gradients

extension PolicyBatch {
    /// ∇_θ [Σ_i wᵢ log π_θ(aᵢ|sᵢ) + c·(1/N) Σ_i H(π_θ(·|sᵢ))] at the evaluated θ.
    ///
    /// Every policy-gradient objective is this with its own weights: the surrogate
    /// L = (1/N) Σ rᵢ Âᵢ has ∂L/∂log πᵢ = rᵢ Âᵢ / N (r = π_θ/π_old); PPO's clipped objective zeroes
    /// the clipped rows; REINFORCE uses Âᵢ / N. `entropyWeight` is c.
    public func gradient(logProbabilityWeights weights: [Double], entropyWeight: Double = 0) -> [Float] {
        precondition(weights.count == rows, "one weight per row")
        let head = policy.head
        let width = head.outputWidth
        let table = logProbabilityTable
        let sigma = logStd
        let entropyPerRow = entropyWeight / Double(max(rows, 1))
        var networkGradient = blocks.pullback(parameters: parameters) { block, blockOutputs, cotangent in
            let range = blocks.rowRange(block: block)
            for index in cotangent.indices { cotangent[index] = 0 }
            guard let destination = cotangent.baseAddress else { return }
            for (local, row) in range.enumerated() {
                let rowCotangent = destination + local * width
                switch head {
                case .categorical(let count):
                    table.withUnsafeBufferPointer { t in
                        guard let tb = t.baseAddress else { return }
                        let logP = tb + row * count
                        Categorical.addLogProbabilityGradient(
                            logProbabilities: logP, count: count, action: Int(actions[row]), weight: weights[row],
                            into: rowCotangent)
                        if entropyPerRow != 0 {
                            Categorical.addEntropyGradient(
                                logProbabilities: logP, count: count, weight: entropyPerRow, into: rowCotangent)
                        }
                    }
                case .diagonalGaussian(let dimension):
                    // ∂ log N / ∂μ = (a − μ)/σ².
                    for d in 0..<dimension {
                        let mean = blockOutputs[local * dimension + d]
                        let inverseVariance = Double.exp(-2 * Double(sigma[d]))
                        rowCotangent[d] = Float(
                            weights[row] * (Double(actions[row * dimension + d]) - Double(mean)) * inverseVariance)
                    }
                }
            }
        }
        if case .diagonalGaussian(let dimension) = head {
            // ∂ log N / ∂ log σ = (a − μ)²/σ² − 1 summed with the weights; ∂H/∂ log σ = 1.
            var logStdGradient = [Float](repeating: 0, count: dimension)
            for d in 0..<dimension {
                let inverseVariance = Double.exp(-2 * Double(sigma[d]))
                var sum = 0.0
                for row in 0..<rows {
                    let deviation = Double(actions[row * dimension + d]) - Double(outputs[row * dimension + d])
                    sum += weights[row] * (deviation * deviation * inverseVariance - 1)
                }
                logStdGradient[d] = Float(sum + entropyWeight)
            }
            networkGradient.append(contentsOf: logStdGradient)
        }
        return networkGradient
    }
}

// MARK: - Fisher-vector products

extension PolicyBatch {
    /// F v + λ v at the evaluated θ, in Schulman et al.'s Jᵀ M J form (2015, Appendix C.1).
    ///
    /// F = (1/N) Σᵢ Jᵢᵀ M(μᵢ) Jᵢ, the Hessian of the mean KL(π_old‖π_θ) at θ = θ_old: one forward-mode
    /// pass gives J v, the distribution's Fisher metric M scales it (categorical:
    /// diag(p) − ppᵀ; Gaussian mean: diag(1/σ²)), and one reverse-mode pass gives Jᵀ(M J v). The
    /// log σ block of a Gaussian is constant across states and equals 2·I, so it is added in closed
    /// form. λ is the damping.
    public func fisherVectorProduct(_ vector: [Float], damping: Float) -> [Float] {
        precondition(vector.count == policy.parameterCount, "v has the wrong size")
        let network = policy.network
        let head = policy.head
        let width = head.outputWidth
        let scale = 1 / Double(max(rows, 1))
        let table = logProbabilityTable
        let inverseVariances = logStd.map { Double.exp(-2 * Double($0)) }
        var product = vector.withUnsafeBufferPointer { v -> [Float] in
            parameters.withUnsafeBufferPointer { theta -> [Float] in
                guard let vb = v.baseAddress, let tb = theta.baseAddress else { return [] }
                let (tangentPointer, parameterPointer) = (vb, tb)
                return blocks.pullback(parameters: parameters) { block, _, cotangent in
                    guard let destination = cotangent.baseAddress else { return }
                    // J v for this block; it is consumed before the pullback reuses the scratch space.
                    let jvp = network.differential(
                        parameters: parameterPointer, parameterTangent: tangentPointer,
                        workspace: blocks.workspaces[block])
                    guard let jvpBase = jvp.baseAddress else { return }
                    for (local, row) in blocks.rowRange(block: block).enumerated() {
                        switch head {
                        case .categorical(let count):
                            table.withUnsafeBufferPointer { t in
                                guard let logP = t.baseAddress else { return }
                                Categorical.applyFisher(
                                    logProbabilities: logP + row * count, tangent: jvpBase + local * width,
                                    count: count, scale: scale, into: destination + local * width)
                            }
                        case .diagonalGaussian(let dimension):
                            for d in 0..<dimension {
                                destination[local * width + d] =
                                    Float(scale * inverseVariances[d] * Double(jvpBase[local * width + d]))
                            }
                        }
                    }
                }
            }
        }
        if case .diagonalGaussian(let dimension) = head {
            let offset = policy.logStdOffset
            product.append(contentsOf: (0..<dimension).map { 2 * vector[offset + $0] })
        }
        for index in product.indices { product[index] += damping * vector[index] }
        return product
    }
}
