// MARK: - Each rule's settings, from the zoo's keys

extension TrainingConfiguration {
    /// TRPO's and NPG's settings; `target_kl` is δ.
    public var naturalGradientSettings: NaturalGradientSettings {
        var settings = NaturalGradientSettings()
        settings.maxKL = targetKL ?? settings.maxKL
        settings.conjugateGradientIterations = conjugateGradientIterations
        settings.damping = damping
        settings.backtrackCoefficient = backtrackCoefficient
        settings.backtrackIterations = backtrackIterations
        settings.usesLineSearch = algorithm != .npg
        settings.penaltyCoefficient = algorithm == .npgFixed ? penaltyCoefficient : nil
        settings.metric = algorithm == .empiricalFIM ? .empirical : .analytic
        settings.constraint = algorithm == .maxKL ? .maximum : .mean
        settings.entropyCoefficient = entropyCoefficient
        return settings
    }

    /// PPO's settings; `target_kl` is the early-stop threshold.
    public var proximalPolicySettings: ProximalPolicySettings {
        var settings = ProximalPolicySettings()
        settings.clipRange = clipRange
        settings.epochs = epochs
        settings.batchSize = batchSize
        settings.earlyStopKL = targetKL
        settings.entropyCoefficient = entropyCoefficient
        settings.maxGradientNorm = maxGradientNorm
        settings.learningRate = policyLearningRate ?? learningRate
        settings.normalizeAdvantage = normalizeAdvantage
        return settings
    }

    /// VPG's settings.
    public var vanillaPolicyGradientSettings: VanillaPolicyGradientSettings {
        var settings = VanillaPolicyGradientSettings()
        settings.learningRate = policyLearningRate ?? learningRate
        settings.euclideanDelta = euclideanDelta
        settings.entropyCoefficient = entropyCoefficient
        settings.maxGradientNorm = maxGradientNorm
        return settings
    }

    /// Whether `algorithm` takes TRPO's natural-gradient step in some form (and so has a δ).
    public var usesNaturalGradient: Bool { [.trpo, .npg, .npgFixed, .empiricalFIM, .maxKL].contains(algorithm) }

    /// The built-in rule of `algorithm` with these settings (any other rule can be given to the
    /// trainer directly).
    public func makeUpdateRule() -> any PolicyUpdateRule {
        switch algorithm {
        case .trpo, .npg, .npgFixed, .empiricalFIM, .maxKL: return NaturalGradientUpdate(settings: naturalGradientSettings)
        case .cem: return GradientFreeUpdate(method: .crossEntropy(crossEntropy))
        case .cma: return GradientFreeUpdate(method: .covarianceMatrixAdaptation(covarianceMatrixAdaptation))
        case .vpg: return VanillaPolicyGradientUpdate(step: .adam, settings: vanillaPolicyGradientSettings)
        case .vpgEuclidean:
            return VanillaPolicyGradientUpdate(step: .euclideanTrustRegion, settings: vanillaPolicyGradientSettings)
        case .ppo: return ProximalPolicyUpdate(settings: proximalPolicySettings)
        }
    }
}
