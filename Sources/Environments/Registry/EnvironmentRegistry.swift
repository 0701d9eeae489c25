import Foundation

/// The environments known by id, Gymnasium's `gymnasium.envs.registry`; safe to use from any thread.
///
/// `shared` starts with the five classic-control environments; other modules (e.g. MuJoCo) and
/// users add their own with `register(_:)` at run time.
public final class EnvironmentRegistry: @unchecked Sendable {
    // Guarded by `lock`: the entries in registration order, and their index by id.
    private var entries: [EnvironmentSpecification] = []
    private var indexById: [String: Int] = [:]
    /// Makers of vector environments for ids `scheme:...` (see `registerVectorProvider`).
    var vectorProviders: [String: VectorEnvironmentProvider] = [:]
    let lock = NSLock()

    /// The process-wide registry used by `makeEnvironment`.
    public static let shared = EnvironmentRegistry(registeringClassicControl: true)

    /// An empty registry, or one with the classic-control environments.
    public init(registeringClassicControl: Bool = false) {
        guard registeringClassicControl else { return }
        for specification in EnvironmentRegistry.classicControl {
            indexById[specification.id] = entries.count
            entries.append(specification)
        }
    }

    /// Adds an entry; throws `duplicateRegistration` if its id is taken, unless `replacing` is true.
    public func register(_ specification: EnvironmentSpecification, replacing: Bool = false) throws {
        lock.lock()
        defer { lock.unlock() }
        if let index = indexById[specification.id] {
            guard replacing else { throw EnvironmentError.duplicateRegistration(id: specification.id) }
            entries[index] = specification
        } else {
            indexById[specification.id] = entries.count
            entries.append(specification)
        }
    }

    /// All entries, in registration order.
    public var specifications: [EnvironmentSpecification] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    /// All registered ids, in registration order.
    public var ids: [String] { specifications.map(\.id) }

    /// The entry for `id`, if registered.
    ///
    /// For an id of a vector provider, an entry whose spaces are read from one copy made now (nil
    /// if that fails; `make` reports why), with no time limit of its own.
    /// A variant id (`Hopper-v5?reset_noise_scale=0.1`) is registered on first use when its base
    /// id takes those arguments (see `variant(of:arguments:)`).
    public func specification(for id: String) -> EnvironmentSpecification? {
        if let registered = registeredSpecification(for: id) { return registered }
        return id.contains("?") ? try? resolveVariant(id) : nil
    }

    /// The entry registered under exactly `id`.
    func registeredSpecification(for id: String) -> EnvironmentSpecification? {
        lock.lock()
        let registered = indexById[id].map { entries[$0] }
        lock.unlock()
        if let registered { return registered }
        guard let (provider, target) = vectorProvider(for: id), let probe = try? provider(target, 1, 1) else { return nil }
        return EnvironmentSpecification(
            id: id, observationSpace: probe.observationSpace, actionSpace: probe.actionSpace, maxEpisodeSteps: nil,
            rewardThreshold: nil, makeUnwrapped: { try SingleCopyEnvironment(try provider(target, 1, 1)) })
    }

    /// A new environment for `id`, wrapped in its time limit; throws `unknownEnvironment` listing the
    /// known ids, or `EnvironmentArgumentError` for a variant id with arguments its base does not take.
    /// An id of a vector provider gives one copy of it as a `SingleCopyEnvironment`.
    public func make(_ id: String) throws -> any Environment {
        // Ids of a vector provider (`gym:`): one copy, seen as a single environment.
        if let (provider, target) = vectorProvider(for: id) {
            return try SingleCopyEnvironment(try provider(target, 1, 1))
        }
        if let specification = registeredSpecification(for: id) { return try specification.make() }
        guard id.contains("?") else { throw EnvironmentError.unknownEnvironment(id: id, knownIds: ids) }
        return try resolveVariant(id).make()
    }

    /// Gymnasium's classic-control entries (`gymnasium/envs/__init__.py`).
    static let classicControl: [EnvironmentSpecification] = [
        entry(CartPole(), maxEpisodeSteps: 500, rewardThreshold: 475) { CartPole() },
        entry(MountainCar(), maxEpisodeSteps: 200, rewardThreshold: -110) { MountainCar() },
        entry(MountainCarContinuous(), maxEpisodeSteps: 999, rewardThreshold: 90) { MountainCarContinuous() },
        entry(Pendulum(), maxEpisodeSteps: 200, rewardThreshold: nil) { Pendulum() },
        entry(Acrobot(), maxEpisodeSteps: 500, rewardThreshold: -100) { Acrobot() },
    ]

    private static func entry<E: Environment & GymnasiumIdentified>(
        _ sample: E, maxEpisodeSteps: Int, rewardThreshold: Double?, make: @escaping @Sendable () -> E
    ) -> EnvironmentSpecification {
        EnvironmentSpecification(
            id: E.id, observationSpace: sample.observationSpace, actionSpace: sample.actionSpace,
            maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold, makeUnwrapped: make)
    }
}

/// An environment type with a Gymnasium id.
public protocol GymnasiumIdentified {
    /// The Gymnasium id, e.g. `"CartPole-v1"`.
    static var id: String { get }
}

extension CartPole: GymnasiumIdentified {}
extension Pendulum: GymnasiumIdentified {}
extension Acrobot: GymnasiumIdentified {}
extension MountainCar: GymnasiumIdentified {}
extension MountainCarContinuous: GymnasiumIdentified {}

/// A new environment for a registered id, wrapped in its Gymnasium `TimeLimit`
/// (`gymnasium.make(id)`); throws `EnvironmentError.unknownEnvironment` listing the known ids.
public func makeEnvironment(_ id: String) throws -> any Environment {
    try EnvironmentRegistry.shared.make(id)
}

// MARK: - Registry entries

/// A registry entry: Gymnasium's `EnvSpec` (id, spaces, time limit, reward threshold, constructor).
public struct EnvironmentSpecification: Sendable {
    /// The id users pass to `makeEnvironment`, e.g. `"CartPole-v1"`.
    public var id: String
    /// The observation space of the environment.
    public var observationSpace: Space
    /// The action space of the environment.
    public var actionSpace: Space
    /// Gymnasium's `max_episode_steps`: `makeEnvironment` wraps in a `TimeLimit` of this many steps.
    public var maxEpisodeSteps: Int?
    /// Gymnasium's `reward_threshold`: the average return at which the task counts as solved.
    public var rewardThreshold: Double?
    /// The shape and element type of the observations when they are not a flat float32 vector
    /// (e.g. `(210, 160, 3)` uint8 for an Atari screen); nil for flat float32 observations.
    public var observationLayout: ObservationLayout? = nil
    /// Builds the bare environment, without the time limit.
    public var makeUnwrapped: @Sendable () throws -> any Environment
    /// Builds the bare environment with keyword arguments (Gymnasium's `make(id, **kwargs)`), for
    /// environments that take any; it throws `EnvironmentArgumentError` for arguments it does not take.
    public var makeUnwrappedWithArguments: (@Sendable (EnvironmentArguments) throws -> any Environment)? = nil

    /// An entry; `makeUnwrapped` must build an environment with the given spaces.
    public init(
        id: String, observationSpace: Space, actionSpace: Space, maxEpisodeSteps: Int?, rewardThreshold: Double?,
        makeUnwrapped: @escaping @Sendable () throws -> any Environment
    ) {
        self.id = id
        self.observationSpace = observationSpace
        self.actionSpace = actionSpace
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.makeUnwrapped = makeUnwrapped
    }

    /// An entry whose spaces are read from one instance built by `makeUnwrapped`.
    public init(
        id: String, maxEpisodeSteps: Int?, rewardThreshold: Double?,
        makeUnwrapped: @escaping @Sendable () throws -> any Environment
    ) throws {
        let sample = try makeUnwrapped()
        self.init(
            id: id, observationSpace: sample.observationSpace, actionSpace: sample.actionSpace,
            maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold, makeUnwrapped: makeUnwrapped)
    }

    /// A new environment: the bare one wrapped in `TimeLimit(maxEpisodeSteps)` when there is a limit.
    public func make() throws -> any Environment {
        let environment = try makeUnwrapped()
        guard let maxEpisodeSteps else { return environment }
        return try TimeLimit(environment, maxEpisodeSteps: maxEpisodeSteps)
    }
}
