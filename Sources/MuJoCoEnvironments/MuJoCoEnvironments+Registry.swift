import Environments

// MARK: - Registration by id

extension MuJoCoEnvironments {
    /// Registers every MuJoCo environment of this build under its Gymnasium id, so that
    /// `makeEnvironment("Hopper-v5")`, `VectorEnvironment(id:count:)` and `trpo --env` find it
    /// (Gymnasium's `register` calls in `gymnasium/envs/__init__.py`), and returns the ids added.
    ///
    /// Each entry carries Gymnasium's `max_episode_steps` (so `make` wraps in `TimeLimit`) and
    /// `reward_threshold`. Ids already in `registry` are left as they are, so calling this twice
    /// is harmless. Without the `MuJoCo` trait there is nothing to register: it returns `[]`.
    /// Throws `MuJoCoError` if a model fails to load (each is compiled once, for its spaces).
    @discardableResult
    public static func registerAll(in registry: EnvironmentRegistry = .shared) throws -> [String] {
        var added: [String] = []
        for specification in try specifications() where registry.specification(for: specification.id) == nil {
            do {
                try registry.register(specification)
                added.append(specification.id)
            } catch EnvironmentError.duplicateRegistration {
                // Registered by another thread since the check above: leave that entry.
            }
        }
        return added
    }

    /// The registry entries of this build's MuJoCo environments (empty without the trait), in
    /// Gymnasium's listing order; `makeUnwrapped` builds the bare environment, seeded with 0
    /// until its first seeded reset; `makeUnwrappedWithArguments` builds one with Gymnasium's
    /// keyword arguments (`registry.variant(of:arguments:)`).
    public static func specifications() throws -> [EnvironmentSpecification] {
        #if MuJoCo
        return try factories.map { factory in
            let make = factory.make
            let sample = try make(0)
            var specification = EnvironmentSpecification(
                id: factory.id, observationSpace: sample.observationSpace, actionSpace: sample.actionSpace,
                maxEpisodeSteps: factory.maxEpisodeSteps, rewardThreshold: factory.rewardThreshold,
                makeUnwrapped: { try make(0) })
            specification.makeUnwrappedWithArguments = factory.makeWithArguments
            return specification
        }
        #else
        return []
        #endif
    }
}
