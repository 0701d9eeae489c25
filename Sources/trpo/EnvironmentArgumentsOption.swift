import ArgumentParser
import Environments

/// The help of `--env-kwargs`, shared by train, eval and rollout.
let environmentArgumentsHelp = ArgumentHelp("""
    A keyword argument of the environment, Gymnasium's gym.make(id, key=value), e.g. \
    exclude_current_positions_from_observation=False or healthy_z_range=0.8,2.0 (repeatable).
    """)

/// The registry id of `id` built with the `key=value` items of `--env-kwargs` (registered now), or
/// `id` itself without items; the id records the arguments, so resume and eval rebuild the same
/// environment.
func environmentID(_ id: String, arguments items: [String]) throws -> String {
    guard !items.isEmpty else { return id }
    return try EnvironmentRegistry.shared.variant(of: id, arguments: EnvironmentArguments(parsing: items))
}

/// The id without its keyword arguments (`Hopper-v5?reset_noise_scale=0.1` → `Hopper-v5`): the
/// key of the zoo's settings and of `--config` files.
func baseEnvironmentID(_ id: String) -> String {
    (try? EnvironmentArguments.split(variantID: id).baseID) ?? id
}
