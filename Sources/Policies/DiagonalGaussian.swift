import RealModule

/// Row operations of the diagonal Gaussian N(μ, diag σ²) with a state-independent log σ.
public enum DiagonalGaussian {
    /// ½ log 2π.
    public static let halfLogTwoPi = 0.5 * Double.log(2 * Double.pi)

    /// log N(a; μ, σ²) = Σ_d −(a−μ)²/(2σ²) − log σ − ½ log 2π.
    @inlinable
    public static func logProbability(
        action: UnsafePointer<Float>, mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, dimension: Int
    ) -> Double {
        var sum = 0.0
        for d in 0..<dimension {
            let logSigma = Double(logStd[d])
            let z = (Double(action[d]) - Double(mean[d])) * Double.exp(-logSigma)
            sum += -0.5 * z * z - logSigma - halfLogTwoPi
        }
        return sum
    }

    /// Σ_d log σ + ½(1 + log 2π).
    @inlinable
    public static func entropy(logStd: UnsafePointer<Float>, dimension: Int) -> Double {
        var sum = 0.0
        for d in 0..<dimension { sum += Double(logStd[d]) + 0.5 + halfLogTwoPi }
        return sum
    }

    /// KL(old‖new) = Σ_d log σ_n − log σ_o + (σ_o² + (μ_o − μ_n)²)/(2σ_n²) − ½.
    @inlinable
    public static func divergence(
        oldMean: UnsafePointer<Float>, oldLogStd: UnsafePointer<Float>,
        newMean: UnsafePointer<Float>, newLogStd: UnsafePointer<Float>, dimension: Int
    ) -> Double {
        var sum = 0.0
        for d in 0..<dimension {
            let logRatio = Double(newLogStd[d]) - Double(oldLogStd[d])
            let difference = Double(oldMean[d]) - Double(newMean[d])
            let newVariance = Double.exp(2 * Double(newLogStd[d]))
            // σ_o²/σ_n² = exp(−2 log-ratio), computed without cancellation.
            sum += logRatio + 0.5 * (Double.exp(-2 * logRatio) + difference * difference / newVariance) - 0.5
        }
        return max(sum, 0)
    }
}
