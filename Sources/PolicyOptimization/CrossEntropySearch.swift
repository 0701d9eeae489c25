import DenseLinearAlgebra

/// The cross-entropy method with a diagonal Gaussian over θ (Szita & Lőrincz 2006): candidates
/// θₖ = μ + σ ⊙ εₖ, εₖ ~ N(0, I); μ and σ² become the mean and variance of the elite, plus the
/// decaying extra noise Z_g (see `CrossEntropySettings`).
public struct CrossEntropySearch: PopulationSearch {
    /// The settings.
    public let settings: CrossEntropySettings
    public let dimension: Int
    public private(set) var mean: [Double]
    /// σ per coordinate.
    public private(set) var standardDeviations: [Double]
    public private(set) var generation = 0

    /// A search centred on `mean` with σ₀ in every coordinate.
    public init(mean: [Double], settings: CrossEntropySettings) {
        self.settings = settings
        dimension = mean.count
        self.mean = mean
        standardDeviations = [Double](repeating: settings.initialStandardDeviation, count: mean.count)
    }

    public var populationSize: Int { max(settings.populationSize, 2) }

    /// The number of elite candidates, ⌈ρn⌉ (at least one).
    public var eliteCount: Int {
        min(max(Int((settings.eliteFraction * Double(populationSize)).rounded(.up)), 1), populationSize)
    }

    public mutating func propose(stream: inout RandomStream) -> [[Float]] {
        (0..<populationSize).map { _ in
            (0..<dimension).map { Float(mean[$0] + standardDeviations[$0] * stream.nextNormal()) }
        }
    }

    public mutating func learn(candidates: [[Float]], fitness: [Double]) {
        precondition(candidates.count == fitness.count && !candidates.isEmpty, "one fitness per candidate")
        // Ties keep the earlier candidate first, so the elite does not depend on the sort's stability.
        let order = fitness.indices.sorted { fitness[$0] > fitness[$1] || (fitness[$0] == fitness[$1] && $0 < $1) }
        let elite = order.prefix(eliteCount).map { candidates[$0] }
        let count = Double(elite.count)
        let decay = settings.extraNoiseGenerations > 0
            ? max(0, 1 - Double(generation) / Double(settings.extraNoiseGenerations)) : 0
        let extraVariance = settings.extraStandardDeviation * settings.extraStandardDeviation * decay
        for d in 0..<dimension {
            let centre = elite.reduce(0) { $0 + Double($1[d]) } / count
            let variance = elite.reduce(0) { $0 + (Double($1[d]) - centre) * (Double($1[d]) - centre) } / count
            mean[d] = centre
            standardDeviations[d] = (variance + extraVariance).squareRoot()
        }
        generation += 1
    }

    public func encode(into state: inout UpdateRuleState) {
        state.setDoubles("cem/mean", mean)
        state.setDoubles("cem/standard_deviations", standardDeviations)
        state.integers["cem/generation"] = [Int64(generation)]
    }

    public mutating func decode(_ state: UpdateRuleState) throws {
        mean = try state.requireDoubles("cem/mean", count: dimension)
        standardDeviations = try state.requireDoubles("cem/standard_deviations", count: dimension)
        generation = try state.requireInteger("cem/generation")
    }
}
