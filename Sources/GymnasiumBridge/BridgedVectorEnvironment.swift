import Environments
import Foundation

/// N copies of a Python Gymnasium environment, run by worker processes through the bridge
/// (`--env gym:CartPole-v1`, `--env gym:my_package.my_module:MyEnv`).
///
/// The copies are split into contiguous groups, one worker process per group, each a Gymnasium
/// `SyncVectorEnv` with same-step auto-reset, so results do not depend on the number of workers:
/// `reset(seed: s)` seeds copy `i` with `s + i` (the group starting at copy `k` gets
/// `reset(seed=s + k)`, which Gymnasium spreads as `s + k + j`). A step sends every group its
/// actions, then reads every reply, so the groups step in parallel; one round trip per step.
/// Returns, lengths and the finite-value checks are kept here, as `VectorEnvironment` does.
public final class BridgedVectorEnvironment: VectorEnvironmentProtocol {
    /// What the workers run: a Gymnasium id or `module:ClassName`, with `?key=value&…` keyword
    /// arguments if any (`--env-kwargs`; the worker passes them to `gymnasium.make` or the class,
    /// each value read as a Python literal where it is one: `True`, `0.5`, `(0.8, 2.0)`, else text).
    public let target: String
    /// The number of copies.
    public let count: Int
    /// The observation space of one copy.
    public let observationSpace: Space
    /// The action space of one copy.
    public let actionSpace: Space
    /// The worker processes and the copies each runs, in copy order.
    let groups: [(worker: WorkerProcess, first: Int, count: Int)]
    /// The copies' running episode statistics and finished episodes.
    var episodes: EpisodeAccounting
    var isReset = false

    /// `count` copies of `target` in `workers` worker processes run by `interpreter`.
    public init(
        target: String, count: Int, workers: Int = 1, interpreter: String = BridgedVectorEnvironment.defaultInterpreter()
    ) throws {
        guard count > 0 else {
            throw EnvironmentError.invalidConfiguration("a vector environment needs at least one copy, got \(count)")
        }
        let script = try Self.scriptPath()
        let (baseTarget, arguments) = try EnvironmentArguments.split(variantID: target)
        let groupCount = Swift.max(1, Swift.min(workers, count))
        var groups: [(worker: WorkerProcess, first: Int, count: Int)] = []
        var spaces: (observation: Space, action: Space)?
        for group in 0..<groupCount {
            // Contiguous groups of nearly equal size, the first ones one copy larger.
            let first = group * (count / groupCount) + Swift.min(group, count % groupCount)
            let size = count / groupCount + (group < count % groupCount ? 1 : 0)
            let worker = try WorkerProcess(interpreter: interpreter, script: script, target: target)
            groups.append((worker, first, size))
            let request: [String: Any] = ["target": baseTarget, "num_envs": size, "text_kwargs": arguments.values]
            let reply = try worker.request(
                UInt8(ascii: "I"), Array(try JSONSerialization.data(withJSONObject: request)), operation: "make")
            let described = try JSONDecoder().decode(BridgedSpaces.self, from: Data(reply))
            let translated = (
                try described.observationSpace.space(target: target, role: "observation"),
                try described.actionSpace.space(target: target, role: "action")
            )
            spaces = spaces ?? translated
        }
        guard let spaces else { throw BridgeError.protocolViolation(target: target, reason: "no worker started") }
        for problem in spaces.observation.malformations + spaces.action.malformations {
            throw EnvironmentError.invalidConfiguration("gym:\(target): \(problem)")
        }
        self.target = target
        self.count = count
        self.groups = groups
        observationSpace = spaces.observation
        actionSpace = spaces.action
        episodes = EpisodeAccounting(copies: count)
    }

    deinit { close() }

    /// Closes the environments and ends the workers (also done when the object goes away).
    public func close() {
        for group in groups { group.worker.close() }
    }

    /// The interpreter named by `TRPO_PYTHON`, else `python3`.
    public static func defaultInterpreter() -> String {
        let named = ProcessInfo.processInfo.environment["TRPO_PYTHON"] ?? ""
        return named.isEmpty ? "python3" : named
    }

    /// Resets every copy (copy `i` with `seed + i`, or all unseeded) and returns the flat observations.
    public func reset(seed: UInt64?) throws -> [Float] {
        for group in groups {
            var payload: [UInt8] = [seed == nil ? 0 : 1]
            withUnsafeBytes(of: (seed.map { $0 &+ UInt64(group.first) } ?? 0).littleEndian) { payload += $0 }
            try group.worker.send(UInt8(ascii: "R"), payload)
        }
        var observations = [Float]()
        observations.reserveCapacity(count * observationSpace.dimension)
        for group in groups {
            var reader = ReplyReader(try group.worker.receive(operation: "reset"), target: target)
            observations += try reader.floats(group.count * observationSpace.dimension)
            try reader.finish()
        }
        try BridgedVectorEnvironment.checkFinite(observations, target: target)
        episodes.startEpisodes()
        isReset = true
        return observations
    }

    /// Returns and clears the episodes finished so far.
    public func takeCompletedEpisodes() -> [CompletedEpisode] {
        episodes.takeCompleted()
    }

    /// Throws `nonFiniteObservation` if any coordinate is NaN or infinite.
    static func checkFinite(_ observations: [Float], target: String) throws {
        for value in observations where !value.isFinite {
            throw EnvironmentError.nonFiniteObservation(environment: "gym:\(target)", values: observations)
        }
    }
}
