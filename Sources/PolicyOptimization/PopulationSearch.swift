import DenseLinearAlgebra
import Environments

/// A derivative-free search over the flat policy parameters θ: it proposes a generation of
/// candidates and learns from their fitness (higher is better). CEM and CMA-ES conform.
public protocol PopulationSearch: Sendable {
    /// n: |θ|.
    var dimension: Int { get }
    /// Candidates per generation.
    var populationSize: Int { get }
    /// Generations learned from so far.
    var generation: Int { get }
    /// The centre of the search distribution: the search's estimate of the best θ.
    var mean: [Double] { get }
    /// One generation of candidates, drawn from `stream`.
    mutating func propose(stream: inout RandomStream) -> [[Float]]
    /// Moves the search distribution towards the fitter candidates of a generation.
    mutating func learn(candidates: [[Float]], fitness: [Double])
    /// The state between generations (everything but the settings), as named tensors.
    func encode(into state: inout UpdateRuleState)
    /// Continues from `encode`'s state; throws if it does not fit.
    mutating func decode(_ state: UpdateRuleState) throws
}

extension UpdateRuleState {
    /// Doubles stored bit for bit (as Int64 bit patterns, since checkpoints hold Float and Int64
    /// tensors), so a resumed search continues exactly.
    public func doubles(_ name: String) -> [Double]? {
        integers[name].map { $0.map { Double(bitPattern: UInt64(bitPattern: $0)) } }
    }

    /// Stores doubles bit for bit under `name`.
    public mutating func setDoubles(_ name: String, _ values: [Double]) {
        integers[name] = values.map { Int64(bitPattern: $0.bitPattern) }
    }

    /// The doubles under `name`, which must have `count` entries.
    func requireDoubles(_ name: String, count: Int) throws -> [Double] {
        guard let values = doubles(name), values.count == count else {
            throw ConfigurationError.unsupported("checkpoint: \(name) is missing or has the wrong size")
        }
        return values
    }

    /// The single integer under `name`.
    func requireInteger(_ name: String) throws -> Int {
        guard let values = integers[name], values.count == 1, values[0] >= 0 else {
            throw ConfigurationError.unsupported("checkpoint: \(name) is missing or invalid")
        }
        return Int(values[0])
    }
}

/// Decides which finished episodes measure the candidate θ being evaluated: those run wholly under it.
///
/// The loop does not reset the environment copies between iterations, so when the rule switches
/// to a new candidate each copy is in the middle of an episode begun under the previous one; that
/// episode mixes two θ and is not counted. Every later episode of the copy is the candidate's own
/// from its first step. Times are the run's environment steps (`FinishedEpisode.finishTimestep`):
/// the candidate acts on the steps after `candidateStart`, and a copy's current episode began with
/// the step after its previous one finished (`lastFinishes`, 0 at the reset). So an episode counts
/// exactly when its copy's previous episode finished at or after `candidateStart`, including one
/// that starts at the candidate's first step.
struct EpisodeAttribution: Sendable, Hashable {
    /// The run's steps before the acting candidate's first step.
    var candidateStart: Int64 = 0
    /// The run's steps when each copy's last episode finished (missing: 0, the reset).
    var lastFinishes: [Int: Int64] = [:]

    /// The returns of the episodes in `episodes` that ran wholly under the acting candidate.
    mutating func returns(of episodes: [FinishedEpisode]) -> [Double] {
        var returns: [Double] = []
        for finished in episodes {
            let copy = finished.episode.copy
            if (lastFinishes[copy] ?? 0) >= candidateStart { returns.append(finished.episode.episodeReturn) }
            lastFinishes[copy] = Int64(finished.finishTimestep)
        }
        return returns
    }

    /// A new candidate acts from the step after the run's `timestep`.
    mutating func switchCandidate(after timestep: Int) { candidateStart = Int64(timestep) }

    func encode(into state: inout UpdateRuleState) {
        state.integers["attribution/candidate_start"] = [candidateStart]
        state.integers["attribution/last_finishes"] = lastFinishes.keys.sorted().flatMap { [Int64($0), lastFinishes[$0] ?? 0] }
    }

    init() {}

    init(decoding state: UpdateRuleState) throws {
        guard let start = state.integers["attribution/candidate_start"], start.count == 1,
            let pairs = state.integers["attribution/last_finishes"], pairs.count % 2 == 0
        else {
            throw ConfigurationError.unsupported(
                "checkpoint: the episode attribution is missing (CEM and CMA-ES checkpoints from before "
                    + "episodes carried their finish step cannot be resumed)")
        }
        candidateStart = start[0]
        for index in stride(from: 0, to: pairs.count, by: 2) { lastFinishes[Int(pairs[index])] = pairs[index + 1] }
    }
}
