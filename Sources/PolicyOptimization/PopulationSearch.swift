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

/// Decides which finished episodes measure the candidate θ being evaluated.
///
/// The loop does not reset the environment copies between iterations, so when the rule switches
/// to a new candidate each copy is in the middle of an episode begun under the previous one. An
/// episode counts only if it began under the current candidate: `epoch` counts candidate switches,
/// and each copy remembers the epoch in which its current episode began (0, the start, by default).
/// It is conservative: an episode that starts exactly at a new candidate's first step is taken as
/// begun under the previous one (epochs are set when episodes finish), which costs that candidate
/// one episode; telling it apart would need the step at which each episode finished.
struct EpisodeAttribution: Sendable, Hashable {
    /// Candidate switches so far.
    var epoch: Int64 = 0
    /// The epoch in which each copy's current episode began (missing: 0).
    var episodeEpochs: [Int: Int64] = [:]

    /// The returns of the episodes in `episodes` that ran wholly under the current candidate.
    mutating func returns(of episodes: [CompletedEpisode]) -> [Double] {
        var returns: [Double] = []
        for episode in episodes {
            if (episodeEpochs[episode.copy] ?? 0) == epoch { returns.append(episode.episodeReturn) }
            episodeEpochs[episode.copy] = epoch
        }
        return returns
    }

    /// The rule is about to act with a new candidate.
    mutating func switchCandidate() { epoch += 1 }

    func encode(into state: inout UpdateRuleState) {
        state.integers["attribution/epoch"] = [epoch]
        state.integers["attribution/episode_epochs"] = episodeEpochs.keys.sorted().flatMap { [Int64($0), episodeEpochs[$0] ?? 0] }
    }

    init() {}

    init(decoding state: UpdateRuleState) throws {
        guard let epoch = state.integers["attribution/epoch"], epoch.count == 1,
            let pairs = state.integers["attribution/episode_epochs"], pairs.count % 2 == 0
        else { throw ConfigurationError.unsupported("checkpoint: the episode attribution is missing") }
        self.epoch = epoch[0]
        for index in stride(from: 0, to: pairs.count, by: 2) { episodeEpochs[Int(pairs[index])] = pairs[index + 1] }
    }
}
