import Environments

/// K environment copies stepped by P participants: participant r steps the contiguous block
/// `WorkShare.range(of: K, parts: P, part: r)` of copies in a local vector environment, and every
/// step's outcomes are exchanged, so every participant sees all K copies exactly as one process
/// stepping them would (Gymnasium's same-step auto-reset, copy i seeded with seed + i).
///
/// The learner's side (the policy's actions, normalisation, GAE, the update) therefore runs on
/// the same rows everywhere; only the stepping is shared out. A copy failing on one participant
/// fails the step on every participant (with that participant's message), so no one waits.
public final class DistributedVectorEnvironment: VectorEnvironmentProtocol {
    /// The participants.
    public let communicator: any Communicator
    /// This participant's copies, `share.count` of them (local copy j is global copy share.lowerBound + j).
    public let local: any VectorEnvironmentProtocol
    /// This participant's copies, by global index.
    public let share: Range<Int>
    /// K, the copies of all participants.
    public let count: Int
    public var observationSpace: Space { local.observationSpace }
    public var actionSpace: Space { local.actionSpace }
    /// The local copies' layout: the exchanged observations are theirs, unchanged (so an Atari run
    /// stores its rollouts as bytes on every rank).
    public var observationLayout: ObservationLayout? { local.observationLayout }
    /// The episode statistics of all K copies.
    public internal(set) var episodes: EpisodeAccounting
    let observationDimension: Int

    /// Participant `communicator.rank`'s view of `count` copies; `makeLocal(n)` builds its n copies.
    public init(
        count: Int, communicator: any Communicator, makeLocal: (Int) throws -> any VectorEnvironmentProtocol
    ) throws {
        guard count >= communicator.size else {
            throw DistributedError.unsupported(
                "\(communicator.size) ranks but only \(count) environment copies (n_envs): give every rank a copy")
        }
        self.count = count
        self.communicator = communicator
        share = WorkShare.range(of: count, parts: communicator.size, part: communicator.rank)
        local = try makeLocal(share.count)
        guard local.count == share.count else {
            throw DistributedError.unsupported("the local vector environment has \(local.count) copies, not \(share.count)")
        }
        observationDimension = local.observationSpace.dimension
        episodes = EpisodeAccounting(copies: count)
    }

    public func reset(seed: UInt64?) throws -> [Float] {
        let outcome = Result { try local.reset(seed: seed.map { $0 &+ UInt64(share.lowerBound) }) }
        _ = local.takeCompletedEpisodes()
        var observations = [Float]()
        observations.reserveCapacity(count * observationDimension)
        for var reader in try exchange(outcome, encode: { $0.append($1) }) { observations += try reader.floats() }
        episodes.startEpisodes()
        return observations
    }

    public func step(_ actions: [Action]) throws -> VectorStepResult {
        guard actions.count == count else {
            throw EnvironmentError.vectorActionCountMismatch(expected: count, actual: actions.count)
        }
        // The local copies' finished episodes travel with the step: a copy that reports its own
        // episodes (Atari's games, `EpisodeReporting`) is known only to the rank that steps it.
        let outcome = Result { () throws -> (VectorStepResult, [CompletedEpisode]) in
            let stepped = try globalCopyIndices { try local.step(Array(actions[share])) }
            return (stepped, local.takeCompletedEpisodes())
        }
        _ = local.takeCompletedEpisodes()  // a failed step's, if any: the step is not recorded
        var result = VectorStepResult(
            observations: [], observationDimension: observationDimension, rewards: [], terminated: [], truncated: [],
            finalObservations: [])
        result.observations.reserveCapacity(count * observationDimension)
        var finished = [[CompletedEpisode]](repeating: [], count: count)
        let firstCopy = share.lowerBound
        for var reader in try exchange(outcome, encode: { writer, outcome in
            Self.encode(&writer, outcome.0)
            Self.encode(&writer, episodes: outcome.1, firstCopy: firstCopy)
        }) {
            try Self.decode(&reader, into: &result)
            try Self.decodeEpisodes(&reader, into: &finished)
        }
        // Each copy's episodes as its own vector environment counted them, in copy order within the
        // step, as one process records them; the running sums follow the learner's episodes.
        for index in 0..<count {
            episodes.record(
                copy: index, reward: result.rewards[index], ended: result.terminated[index] || result.truncated[index],
                reported: finished[index])
        }
        return result
    }

    public func takeCompletedEpisodes() -> [CompletedEpisode] { episodes.takeCompleted() }

    /// Every participant's outcome of the same call, as readers in rank order; if any participant
    /// failed, every participant throws (its own error where it failed, else the first failure's message).
    func exchange<Value>(
        _ outcome: Result<Value, any Error>, encode: (inout ByteWriter, Value) -> Void
    ) throws -> [ByteReader] {
        var writer = ByteWriter()
        switch outcome {
        case .success(let value):
            writer.append(true)
            encode(&writer, value)
        case .failure(let error):
            writer.append(false)
            writer.append(String(describing: error))
        }
        var readers = try communicator.allGather(writer.bytes).map { bytes in
            var reader = ByteReader(bytes)
            return (try reader.bool(), reader)
        }
        if case .failure(let error) = outcome { throw error }
        if let failed = readers.firstIndex(where: { !$0.0 }) {
            throw DistributedError.peerFailed(rank: failed, message: (try? readers[failed].1.string()) ?? "unknown error")
        }
        return readers.indices.map { readers[$0].1 }
    }

    /// Runs `body`, renaming a failing local copy to its global index in the error.
    func globalCopyIndices<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as CopyStepError {
            throw CopyStepError(
                environment: error.environment, copy: share.lowerBound + error.copy, episodeStep: error.episodeStep,
                underlying: error.underlying)
        }
    }

    static func encode(_ writer: inout ByteWriter, _ result: VectorStepResult) {
        writer.append(result.count)
        writer.append(result.observations)
        for index in 0..<result.count {
            writer.append(result.rewards[index])
            writer.append(result.terminated[index])
            writer.append(result.truncated[index])
            writer.append(result.finalObservations[index] != nil)
            if let final = result.finalObservations[index] { writer.append(final) }
        }
    }

    static func encode(_ writer: inout ByteWriter, episodes: [CompletedEpisode], firstCopy: Int) {
        writer.append(episodes.count)
        for episode in episodes {
            writer.append(episode.episodeReturn)
            writer.append(episode.length)
            writer.append(firstCopy + episode.copy)
        }
    }

    static func decodeEpisodes(_ reader: inout ByteReader, into finished: inout [[CompletedEpisode]]) throws {
        let episodeCount = try reader.int()
        guard episodeCount >= 0 else { throw DistributedError.malformedMessage }
        for _ in 0..<episodeCount {
            let episodeReturn = try reader.double(), length = try reader.int(), copy = try reader.int()
            guard finished.indices.contains(copy) else { throw DistributedError.malformedMessage }
            finished[copy].append(CompletedEpisode(episodeReturn: episodeReturn, length: length, copy: copy))
        }
    }

    static func decode(_ reader: inout ByteReader, into result: inout VectorStepResult) throws {
        let copies = try reader.int()
        result.observations += try reader.floats()
        for _ in 0..<copies {
            result.rewards.append(try reader.double())
            result.terminated.append(try reader.bool())
            result.truncated.append(try reader.bool())
            result.finalObservations.append(try reader.bool() ? try reader.floats() : nil)
        }
    }
}
