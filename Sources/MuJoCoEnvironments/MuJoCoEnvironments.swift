import Environments

/// The MuJoCo locomotion environments by Gymnasium id: what exists, how to make one, and each
/// one's time limit.
///
/// `try MuJoCoEnvironments.registerAll()` puts them in `EnvironmentRegistry.shared`, after which
/// `makeEnvironment("Hopper-v5")`, `VectorEnvironment(id:count:)` and `TRPO(environment:)` find them.
/// Without the `MuJoCo` trait the engine is not linked: `isAvailable` is false, `ids` is empty,
/// `registerAll` adds nothing and `make` throws `MuJoCoError.engineUnavailable`, so callers need
/// no conditional code.
public enum MuJoCoEnvironments {
    /// Whether this build links the MuJoCo engine (the package's `MuJoCo` trait).
    public static var isAvailable: Bool {
        #if MuJoCo
        return true
        #else
        return false
        #endif
    }

    /// Gymnasium ids with their TimeLimit `max_episode_steps`, in Gymnasium's listing order.
    public static var maxEpisodeSteps: [(id: String, steps: Int)] {
        #if MuJoCo
        return factories.map { ($0.id, $0.maxEpisodeSteps) }
        #else
        return []
        #endif
    }

    /// The Gymnasium ids of the environments this build can make.
    public static var ids: [String] { maxEpisodeSteps.map(\.id) }

    /// The time limit of environment `id`, or nil if there is no such environment.
    public static func maxEpisodeSteps(_ id: String) -> Int? {
        maxEpisodeSteps.first { $0.id == id }?.steps
    }

    /// A new environment with Gymnasium's default arguments (no time limit), its random stream
    /// started from `seed`.
    public static func make(_ id: String, seed: UInt64 = 0) throws -> any Environment {
        #if MuJoCo
        return try factory(for: id).make(seed)
        #else
        throw MuJoCoError.engineUnavailable
        #endif
    }

    /// A new environment built with Gymnasium's keyword arguments (no time limit), e.g.
    /// `exclude_current_positions_from_observation=false`; throws `EnvironmentArgumentError` for
    /// an argument the environment does not take.
    public static func make(_ id: String, arguments: EnvironmentArguments) throws -> any Environment {
        #if MuJoCo
        return try factory(for: id).makeWithArguments(arguments)
        #else
        throw MuJoCoError.engineUnavailable
        #endif
    }

    /// The version of the linked engine, e.g. "4.0.0", or nil without the trait.
    public static var engineVersion: String? {
        #if MuJoCo
        return MuJoCoSimulation.engineVersion
        #else
        return nil
        #endif
    }

    #if MuJoCo
    struct Factory: Sendable {
        let id: String
        let maxEpisodeSteps: Int
        /// Gymnasium's `reward_threshold` (none for Walker2d and the humanoids).
        let rewardThreshold: Double?
        let make: @Sendable (UInt64) throws -> any Environment
        let makeWithArguments: @Sendable (EnvironmentArguments) throws -> any Environment

        init<Task: MuJoCoTask>(_ task: Task.Type, _ version: GymnasiumVersion, rewardThreshold: Double?) {
            id = Task(version: version).id
            maxEpisodeSteps = Task.maxEpisodeSteps
            self.rewardThreshold = rewardThreshold
            make = { seed in try MuJoCoEnvironment<Task>(task: Task(version: version), seed: seed) }
            makeWithArguments = { arguments in
                try MuJoCoEnvironment<Task>(task: Task(version: version, arguments: arguments))
            }
        }
    }

    static func factory(for id: String) throws -> Factory {
        guard let factory = factories.first(where: { $0.id == id }) else {
            throw MuJoCoError.unknownEnvironment(id: id, known: ids)
        }
        return factory
    }

    /// Gymnasium's `gymnasium/envs/__init__.py` MuJoCo entries, in its order.
    static let factories: [Factory] = [
        Factory(Reacher.self, .v4, rewardThreshold: -3.75),
        Factory(Reacher.self, .v5, rewardThreshold: -3.75),
        Factory(Pusher.self, .v5, rewardThreshold: 0),
        Factory(InvertedPendulum.self, .v4, rewardThreshold: 950),
        Factory(InvertedPendulum.self, .v5, rewardThreshold: 950),
        Factory(InvertedDoublePendulum.self, .v4, rewardThreshold: 9100),
        Factory(InvertedDoublePendulum.self, .v5, rewardThreshold: 9100),
        Factory(HalfCheetah.self, .v4, rewardThreshold: 4800),
        Factory(HalfCheetah.self, .v5, rewardThreshold: 4800),
        Factory(Hopper.self, .v4, rewardThreshold: 3800),
        Factory(Hopper.self, .v5, rewardThreshold: 3800),
        Factory(Swimmer.self, .v4, rewardThreshold: 360),
        Factory(Swimmer.self, .v5, rewardThreshold: 360),
        Factory(Walker2d.self, .v4, rewardThreshold: nil),
        Factory(Walker2d.self, .v5, rewardThreshold: nil),
        Factory(Ant.self, .v4, rewardThreshold: 6000),
        Factory(Ant.self, .v5, rewardThreshold: 6000),
        Factory(Humanoid.self, .v4, rewardThreshold: nil),
        Factory(Humanoid.self, .v5, rewardThreshold: nil),
        Factory(HumanoidStandup.self, .v4, rewardThreshold: nil),
        Factory(HumanoidStandup.self, .v5, rewardThreshold: nil),
    ]
    #endif
}
