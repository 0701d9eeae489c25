// MARK: - Validation

extension TrainingConfiguration {
    /// Checks what single keys cannot: combinations. Throws a message naming the keys.
    public func validate() throws {
        // First, so that the products below cannot overflow (fuzzing found n_envs × n_steps did).
        let (rows, overflow) = environmentCopies.multipliedReportingOverflow(by: stepsPerCopy)
        if overflow || rows > 1 << 32 {
            throw ConfigurationError.invalidValue(
                key: "n_envs", value: String(environmentCopies),
                expected: "n_steps × n_envs at most 2^32 rows per iteration (n_steps is \(stepsPerCopy))")
        }
        if normalizeAdvantage && environmentCopies * stepsPerCopy <= 1 {
            throw ConfigurationError.invalidValue(
                key: "n_steps", value: String(stepsPerCopy),
                expected: "n_steps × n_envs > 1 when normalize_advantage is on (a standard deviation needs two samples)")
        }
        if subSamplingFactor > environmentCopies * stepsPerCopy {
            throw ConfigurationError.invalidValue(
                key: "sub_sampling_factor", value: String(subSamplingFactor),
                expected: "at most n_steps × n_envs = \(environmentCopies * stepsPerCopy)")
        }
        if fisherSubSamplingFactor > environmentCopies * stepsPerCopy {
            throw ConfigurationError.invalidValue(
                key: "fisher_sub_sampling_factor", value: String(fisherSubSamplingFactor),
                expected: "at most n_steps × n_envs = \(environmentCopies * stepsPerCopy)")
        }
        if fisherSubSamplingFactor > 1 && !usesNaturalGradient {
            throw ConfigurationError.invalidValue(
                key: "fisher_sub_sampling_factor", value: String(fisherSubSamplingFactor),
                expected: "1 for \(algorithm.rawValue), which computes no Fisher-vector products (trpo, npg, npg-fixed, empirical-fim, max-kl do)")
        }
        // SB3's PPO asserts a buffer of at least two samples; a batch_size above the buffer means
        // one minibatch of the whole buffer there too (the zoo's MountainCarContinuous-v0 relies on it).
        if algorithm == .ppo && environmentCopies * stepsPerCopy < 2 {
            throw ConfigurationError.invalidValue(
                key: "n_steps", value: String(stepsPerCopy), expected: "n_steps × n_envs ≥ 2 for PPO's minibatches")
        }
    }
}
