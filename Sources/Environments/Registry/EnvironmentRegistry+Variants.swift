// MARK: - Environments built with keyword arguments

extension EnvironmentRegistry {
    /// Registers (once) and returns the id of `baseID` built with `arguments`, e.g.
    /// `Hopper-v5?exclude_current_positions_from_observation=false`, so that `make`,
    /// `VectorEnvironment(id:)` and run directories use it like any id (Gymnasium's
    /// `make(id, **kwargs)`). No arguments give `baseID` itself.
    ///
    /// Throws `unknownEnvironment` for an unknown base id and `EnvironmentArgumentError` when the
    /// environment takes no arguments or not these (an environment is built once to check them).
    /// Ids of a vector provider keep their arguments in the id for the provider to read.
    @discardableResult
    public func variant(of baseID: String, arguments: EnvironmentArguments) throws -> String {
        let (rootID, given) = try EnvironmentArguments.split(variantID: baseID)
        let merged = given.merging(arguments)
        // A vector provider's id (`gym:CartPole-v1?gravity=9.0`) hands its arguments to the provider,
        // which checks them when it builds the environment.
        if vectorProvider(for: rootID) != nil { return merged.variantID(of: rootID) }
        guard !merged.isEmpty else {
            guard registeredSpecification(for: rootID) != nil else {
                throw EnvironmentError.unknownEnvironment(id: rootID, knownIds: ids)
            }
            return rootID
        }
        return try resolveVariant(merged.variantID(of: rootID)).id
    }

    /// The entry of a variant id, registered now if it is not yet.
    func resolveVariant(_ id: String) throws -> EnvironmentSpecification {
        let (baseID, arguments) = try EnvironmentArguments.split(variantID: id)
        let canonicalID = arguments.variantID(of: baseID)
        if let registered = registeredSpecification(for: canonicalID) { return registered }
        guard let base = registeredSpecification(for: baseID) else {
            throw EnvironmentError.unknownEnvironment(id: baseID, knownIds: ids)
        }
        guard let makeWithArguments = base.makeUnwrappedWithArguments else {
            throw EnvironmentArgumentError.notConfigurable(environment: baseID)
        }
        let variant = try EnvironmentSpecification(
            id: canonicalID, maxEpisodeSteps: base.maxEpisodeSteps, rewardThreshold: base.rewardThreshold,
            makeUnwrapped: { try makeWithArguments(arguments) })
        do {
            try register(variant)
        } catch EnvironmentError.duplicateRegistration {
            // Another thread registered the same variant first: its entry is the same.
        }
        if canonicalID != id, registeredSpecification(for: id) == nil {
            var alias = variant
            alias.id = id
            try? register(alias)
        }
        return variant
    }
}
