/// N copies of an environment with Gymnasium 1.x's same-step auto-reset, optionally stepped on
/// several threads (Gymnasium's `SyncVectorEnv` with `AutoresetMode.SAME_STEP`, which is also SB3's).
///
/// `reset(seed: s)` seeds copy `i` with `s + i`, as Gymnasium's vector environments do. Each
/// step validates the actions, steps every copy, and checks that observations and rewards are
/// finite (a typed error otherwise). Copies are independent, so stepping them on `threads` threads
/// in contiguous chunks gives results identical, bit for bit, to serial stepping. Finished
/// episodes' returns and lengths are recorded (in order of completion, by copy index within a step)
/// for `takeCompletedEpisodes()`; a copy that reports its own episodes (`EpisodeReporting`, Atari's
/// whole games) has those recorded instead.
public final class VectorEnvironment: VectorEnvironmentProtocol {
    /// The copies, in order (each owned by this vector environment; step them only through it).
    public let environments: [any Environment]
    /// A name for messages: the registry id when built from one.
    public let name: String
    /// The observation space of one copy.
    public let observationSpace: Space
    /// The action space of one copy.
    public let actionSpace: Space
    /// The length of one copy's observation.
    public let observationDimension: Int
    /// How many threads step the copies (1 = serial); results do not depend on it.
    public var threads: Int {
        didSet { threads = Swift.max(1, threads) }
    }
    /// The least stepping work, in nanoseconds of the copies' `typicalStepNanoseconds`, worth a
    /// thread of its own (see `steppingThreads`); 0 hands copies to threads whatever they cost.
    public var minimumStepNanosecondsPerThread = VectorEnvironment.defaultMinimumStepNanosecondsPerThread
    /// 20 µs: handing a region to a worker costs a few µs when it spins and more when it has
    /// parked or another process holds its core, as for `BlockedNetwork`'s passes.
    public static let defaultMinimumStepNanosecondsPerThread: Double = 20_000
    /// Σ over the copies of their `typicalStepNanoseconds`: one vector step's work.
    public let typicalVectorStepNanoseconds: Double

    /// The copies' running episode statistics and finished episodes.
    public internal(set) var episodes: EpisodeAccounting
    /// Episodes finished since the last `takeCompletedEpisodes()`.
    public var completedEpisodes: [CompletedEpisode] { episodes.completed }
    /// Each copy's running episode return.
    public var runningReturns: [Double] { episodes.runningReturns }
    /// Each copy's running episode length.
    public var runningLengths: [Int] { episodes.runningLengths }
    var isReset = false
    /// Each copy's own episode reporter (`Environment.episodeReporter`), looked up once.
    let episodeReporters: [(any EpisodeReporting)?]
    /// Makes one more copy (the vine's branch environments).
    let makeCopy: () throws -> any Environment
    /// The copies' common layout when every copy is a `ByteObservationEnvironment` (nil otherwise).
    public let observationLayout: ObservationLayout?

    /// `count` copies made by `makeCopy`, stepped on `threads` threads.
    public init(
        count: Int, threads: Int = 1, name: String = "VectorEnvironment",
        makeCopy: @escaping () throws -> any Environment
    ) throws {
        guard count > 0 else {
            throw EnvironmentError.invalidConfiguration("a vector environment needs at least one copy, got \(count)")
        }
        let environments = try (0..<count).map { _ in try makeCopy() }
        let first = environments[0]
        for (index, environment) in environments.enumerated()
        where environment.observationSpace != first.observationSpace || environment.actionSpace != first.actionSpace {
            throw EnvironmentError.invalidConfiguration("copy \(index) of \(name) has other spaces than copy 0")
        }
        for problem in first.observationSpace.malformations + first.actionSpace.malformations {
            throw EnvironmentError.invalidConfiguration("\(name): \(problem)")
        }
        self.environments = environments
        episodeReporters = environments.map(\.episodeReporter)
        self.makeCopy = makeCopy
        self.name = name
        observationSpace = first.observationSpace
        actionSpace = first.actionSpace
        observationDimension = first.observationSpace.dimension
        self.threads = Swift.max(1, threads)
        typicalVectorStepNanoseconds = environments.reduce(0) { $0 + $1.typicalStepNanoseconds }
        episodes = EpisodeAccounting(copies: count)
        let layouts = environments.map { ($0 as? any ByteObservationEnvironment)?.observationLayout }
        observationLayout = layouts.allSatisfy { $0 != nil && $0 == layouts[0] } ? layouts[0] : nil
    }

    /// `count` copies of the registered environment `id` (time limit included).
    public convenience init(
        id: String, count: Int, threads: Int = 1, registry: EnvironmentRegistry = .shared
    ) throws {
        try self.init(count: count, threads: threads, name: id) { try registry.make(id) }
    }

    /// The number of copies.
    public var count: Int { environments.count }

    /// Resets every copy (copy `i` with `seed + i`, or all unseeded) and returns the flat observations.
    public func reset(seed: UInt64?) throws -> [Float] {
        var observations = [Float]()
        observations.reserveCapacity(count * observationDimension)
        for (index, environment) in environments.enumerated() {
            let copySeed = seed.map { $0 &+ UInt64(index) }
            observations += try environment.checkedReset(seed: copySeed, name: copyName(index))
        }
        episodes.startEpisodes()
        for reporter in episodeReporters { _ = reporter?.takeReportedEpisodes() }
        isReset = true
        return observations
    }

    /// Returns and clears the episodes finished so far.
    public func takeCompletedEpisodes() -> [CompletedEpisode] {
        episodes.takeCompleted()
    }

    func copyName(_ index: Int) -> String { "\(name) (copy \(index))" }
}
