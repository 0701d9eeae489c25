import DenseLinearAlgebra
import Environments
import Policies

/// A derivative-free search (CEM or CMA-ES) over the flat policy parameters θ as an update rule on
/// the one loop, with whole episodes as the fitness (the paper's gradient-free baselines, §8.1).
///
/// Each candidate θₖ of a generation acts for one or more iterations: the loop collects its batch
/// with θ = θₖ as with any rule, and the rule reads the returns of the episodes that finished in it
/// (`PolicyUpdateInput.episodes`), counting only those run wholly under θₖ (`EpisodeAttribution`).
/// Once θₖ has `episodesPerCandidate` such episodes, its fitness is their mean undiscounted return
/// and the rule sets θ to the next candidate; after the last one of a generation the search learns
/// and proposes the next generation. Advantages, gradients and the critic are not used. The first
/// update starts the search at the trainer's initial θ. The rule's result (`resultParameters`) is
/// the search distribution's mean, the search's estimate of the best θ, not the acting candidate.
public struct GradientFreeUpdate: PolicyUpdateRule {
    /// Which search, with its settings.
    public enum Method: Sendable, Hashable {
        /// The cross-entropy method (`--algo cem`).
        case crossEntropy(CrossEntropySettings)
        /// CMA-ES (`--algo cma`).
        case covarianceMatrixAdaptation(CovarianceMatrixAdaptationSettings)
    }

    /// The search and its settings.
    public let method: Method
    /// The search distribution (created at the first update).
    public internal(set) var search: (any PopulationSearch)?
    /// The current generation's candidates; the one acting is `candidates[fitness.count]`.
    public internal(set) var candidates: [[Float]] = []
    /// The fitness of the candidates evaluated so far in this generation.
    public internal(set) var fitness: [Double] = []
    /// Returns of the acting candidate's episodes so far.
    var pendingReturns: [Double] = []
    /// Which finished episodes ran wholly under the acting candidate.
    var attribution = EpisodeAttribution()

    /// A rule searching by `method`.
    public init(method: Method) {
        self.method = method
    }

    /// The mean μ of the search distribution once the search has started (CEM's μ, CMA-ES's m).
    public func resultParameters(acting parameters: [Float]) -> [Float] {
        guard let search, search.dimension == parameters.count else { return parameters }
        return search.mean.map { Float($0) }
    }

    /// Finished episodes that make one candidate's fitness.
    var episodesPerCandidate: Int {
        switch method {
        case .crossEntropy(let settings): return max(settings.episodesPerCandidate, 1)
        case .covarianceMatrixAdaptation(let settings): return max(settings.episodesPerCandidate, 1)
        }
    }

    func makeSearch(mean: [Double]) -> any PopulationSearch {
        switch method {
        case .crossEntropy(let settings): return CrossEntropySearch(mean: mean, settings: settings)
        case .covarianceMatrixAdaptation(let settings): return CovarianceMatrixAdaptation(mean: mean, settings: settings)
        }
    }

    /// Scores the acting candidate from the batch's episodes and moves θ to the next one when it is done.
    public mutating func update(
        _ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream
    ) -> PolicyUpdateMetrics {
        var metrics = PolicyUpdateMetrics()
        let oldParameters = parameters
        pendingReturns += attribution.returns(of: input.episodes)
        if var search = self.search {
            if pendingReturns.count >= episodesPerCandidate {
                fitness.append(pendingReturns.reduce(0, +) / Double(pendingReturns.count))
                pendingReturns = []
                if fitness.count == candidates.count {
                    search.learn(candidates: candidates, fitness: fitness)
                    candidates = search.propose(stream: &stream)
                    fitness = []
                }
                parameters = candidates[fitness.count]
                attribution.switchCandidate(after: input.timestepsAfterCollection)
            }
            self.search = search
        } else {
            var search = makeSearch(mean: parameters.map(Double.init))
            candidates = search.propose(stream: &stream)
            fitness = []
            pendingReturns = []
            parameters = candidates[0]
            attribution.switchCandidate(after: input.timestepsAfterCollection)
            self.search = search
        }
        var step = parameters
        VectorOperations.axpy(-1, oldParameters, &step)
        metrics.stepNorm = VectorOperations.norm(step)
        // A candidate still waiting for an episode keeps θ: `train/success` 0, but no skip message,
        // since waiting is the normal course of a gradient-free search.
        metrics.lineSearchSucceeded = metrics.stepNorm > 0
        if metrics.stepNorm > 0 {
            input.batch.evaluate(at: parameters)
            metrics.klDivergence = input.batch.divergence(from: input.oldDistribution).mean
        }
        return metrics
    }
}
