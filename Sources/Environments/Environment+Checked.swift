// MARK: - Contract-checked reset and step

extension Environment {
    /// `reset(seed:)`, then throws a typed error if the observation has the wrong length or a
    /// NaN or infinite coordinate (`name` identifies the environment in the message).
    public func checkedReset(seed: UInt64?, name: String) throws -> [Float] {
        let observation = try reset(seed: seed)
        try checkObservation(observation, name: name)
        return observation
    }

    /// `step(_:)` with the action validated against `actionSpace` first and the observation and
    /// reward checked after, so a bad action or a NaN from the environment is a typed error.
    public func checkedStep(_ action: Action, name: String) throws -> StepResult {
        try actionSpace.validate(action)
        let result = try step(action)
        try checkObservation(result.observation, name: name)
        guard result.reward.isFinite else {
            throw EnvironmentError.nonFiniteReward(environment: name, reward: result.reward)
        }
        return result
    }

    /// Throws unless `observation` has the observation space's length and only finite coordinates.
    public func checkObservation(_ observation: [Float], name: String) throws {
        let expected = observationSpace.dimension
        guard observation.count == expected else {
            throw EnvironmentError.observationShapeMismatch(environment: name, expected: expected, actual: observation.count)
        }
        for value in observation where !value.isFinite {
            throw EnvironmentError.nonFiniteObservation(environment: name, values: observation)
        }
    }
}
