import PolicyOptimization

extension TrainingConfiguration {
    /// The keys of the paper's baselines (our names; no zoo has these rules). Each is written to
    /// config.json only for the algorithm that reads it.
    static let baselineKeys: [ConfigurationKey] = [
        only(.npgFixed, real("penalty_coefficient", \.penaltyCoefficient, "a number > 0 (λ of the step (1/λ)F⁻¹g)") { $0 > 0 }),
        only(.cem, integer("cem_population", \.crossEntropy.populationSize, minimum: 2)),
        only(.cem, real("cem_elite_fraction", \.crossEntropy.eliteFraction, "a number in (0, 1]") { $0 > 0 && $0 <= 1 }),
        only(.cem, real("cem_initial_std", \.crossEntropy.initialStandardDeviation, "a number > 0") { $0 > 0 }),
        only(.cem, real("cem_extra_std", \.crossEntropy.extraStandardDeviation, "a number ≥ 0") { $0 >= 0 }),
        only(.cem, integer("cem_extra_decay", \.crossEntropy.extraNoiseGenerations, minimum: 0)),
        ConfigurationKey(name: "cma_population", apply: { configuration, value in
            if case .list(let items) = value, items.isEmpty {  // None: Hansen's default
                configuration.covarianceMatrixAdaptation.populationSize = nil
                return []
            }
            guard let number = value.integerValue, number >= 2 else {
                throw invalid("cma_population", value, "an integer ≥ 2, or None for 4 + ⌊3 ln n⌋")
            }
            configuration.covarianceMatrixAdaptation.populationSize = number
            return []
        }, read: { configuration in
            configuration.algorithm == .cma ? configuration.covarianceMatrixAdaptation.populationSize.map(ConfigurationValue.integer) : nil
        }),
        only(.cma, real("cma_initial_step", \.covarianceMatrixAdaptation.initialStepSize, "a number > 0") { $0 > 0 }),
        only(.cma, integer("cma_full_covariance_limit", \.covarianceMatrixAdaptation.fullCovarianceLimit, minimum: 0)),
        ConfigurationKey(name: "fitness_episodes", apply: { configuration, value in
            guard let number = value.integerValue, number >= 1 else { throw invalid("fitness_episodes", value, "an integer ≥ 1") }
            configuration.crossEntropy.episodesPerCandidate = number
            configuration.covarianceMatrixAdaptation.episodesPerCandidate = number
            return []
        }, read: { configuration in
            switch configuration.algorithm {
            case .cem: return .integer(configuration.crossEntropy.episodesPerCandidate)
            case .cma: return .integer(configuration.covarianceMatrixAdaptation.episodesPerCandidate)
            default: return nil
            }
        }),
    ]

    /// `key`, read (into config.json) only when the run's algorithm is `algorithm`.
    static func only(_ algorithm: Algorithm, _ key: ConfigurationKey) -> ConfigurationKey {
        ConfigurationKey(name: key.name, apply: key.apply, read: { $0.algorithm == algorithm ? key.read($0) : nil })
    }
}
