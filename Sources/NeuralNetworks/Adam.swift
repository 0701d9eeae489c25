import DenseLinearAlgebra

/// Adam (Kingma and Ba 2015) on a flat parameter vector, with PyTorch's update and defaults.
///
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
/// Its moments and step count are part of a checkpoint, so a resumed run continues exactly.
public struct Adam: Sendable, Hashable, Codable {
    /// The step size.
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// First-moment estimate m.
    public var firstMoment: [Float]
    /// Second-moment estimate v.
    public var secondMoment: [Float]
    /// Steps taken t.
    public var step: Int

    /// A fresh optimiser for `parameterCount` parameters.
    public init(
        parameterCount: Int, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
        step = 0
    }

    /// Takes one step along −gradient (minimisation).
    public mutating func update(parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == gradient.count && gradient.count == firstMoment.count, "Adam: sizes differ")
        step += 1
        let correction1 = 1 - Float(Double(beta1).power(step))
        let correction2 = 1 - Float(Double(beta2).power(step))
        let stepSize = learningRate / correction1
        let secondScale = 1 / correction2.squareRoot()
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { theta in
                    gradient.withUnsafeBufferPointer { g in
                        guard let tb = theta.baseAddress, let mb = m.baseAddress, let vb = v.baseAddress,
                            let gb = g.baseAddress
                        else { return }
                        // m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − lr/c₁ · m/(√v/√c₂ + ε).
                        MatrixProduct.adamStep(
                            count: theta.count, parameters: tb, firstMoment: mb, secondMoment: vb, gradient: gb,
                            beta1: b1, beta2: b2, epsilon: eps, stepSize: stepSize, secondScale: secondScale)
                    }
                }
            }
        }
    }

    /// The same step as `update`, in a plain Swift loop (the reference the kernel is tested against).
    mutating func referenceUpdate(parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == gradient.count && gradient.count == firstMoment.count, "Adam: sizes differ")
        step += 1
        let stepSize = learningRate / (1 - Float(Double(beta1).power(step)))
        let secondScale = 1 / (1 - Float(Double(beta2).power(step))).squareRoot()
        for index in parameters.indices {
            firstMoment[index] = beta1 * firstMoment[index] + (1 - beta1) * gradient[index]
            secondMoment[index] = beta2 * secondMoment[index] + (1 - beta2) * gradient[index] * gradient[index]
            let denominator = secondMoment[index].squareRoot() * secondScale + epsilon
            parameters[index] -= stepSize * firstMoment[index] / denominator
        }
    }
}

extension Double {
    /// self^exponent for a non-negative integer exponent, by repeated squaring.
    @usableFromInline
    func power(_ exponent: Int) -> Double {
        var result = 1.0, base = self, remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            base *= base
            remaining >>= 1
        }
        return result
    }
}
