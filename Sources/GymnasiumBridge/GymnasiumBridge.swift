import Environments

/// Runs Python Gymnasium environments for TrustRegion: `gym:ID` and `gym:module:ClassName` ids.
public enum GymnasiumBridge {
    /// The prefix of bridged ids: `gym:CartPole-v1`, `gym:my_package.envs:MyEnv`.
    public static let scheme = "gym"

    /// Makes `gym:` ids known to `registry`: vector environments of them run in Python workers
    /// started with `interpreter` (default: `TRPO_PYTHON`, else `python3`), one worker per
    /// `threads` share of the copies.
    public static func register(in registry: EnvironmentRegistry = .shared, interpreter: String? = nil) {
        let python = interpreter ?? BridgedVectorEnvironment.defaultInterpreter()
        registry.registerVectorProvider(scheme: scheme) { target, count, threads in
            try BridgedVectorEnvironment(target: target, count: count, workers: threads, interpreter: python)
        }
    }

    /// Whether `id` names a bridged environment (`gym:...`).
    public static func isBridged(_ id: String) -> Bool { id.hasPrefix(scheme + ":") }

    /// The Gymnasium id behind a `gym:ID` id (nil for `gym:module:Class` and for built-in ids),
    /// e.g. to look up the RL Zoo's settings for it.
    public static func gymnasiumID(_ id: String) -> String? {
        guard isBridged(id) else { return nil }
        let target = id.dropFirst(scheme.count + 1)
        return target.contains(":") ? nil : String(target)
    }
}
