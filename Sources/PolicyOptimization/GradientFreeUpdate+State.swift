import DenseLinearAlgebra

extension GradientFreeUpdate {
    /// The search distribution, the generation's candidates and fitness so far, the acting
    /// candidate's returns and the episode attribution: everything a resumed run needs to continue
    /// bit for bit.
    public var state: UpdateRuleState {
        var state = UpdateRuleState()
        guard let search else { return state }
        search.encode(into: &state)
        state.integers["search/dimension"] = [Int64(search.dimension)]
        state.floats["candidates"] = candidates.flatMap { $0 }
        state.integers["candidate_count"] = [Int64(candidates.count)]
        state.setDoubles("fitness", fitness)
        state.setDoubles("pending_returns", pendingReturns)
        attribution.encode(into: &state)
        return state
    }

    public mutating func restore(_ state: UpdateRuleState) throws {
        if state.isEmpty {
            (search, candidates, fitness, pendingReturns, attribution) = (nil, [], [], [], EpisodeAttribution())
            return
        }
        let dimension = try state.requireInteger("search/dimension")
        let count = try state.requireInteger("candidate_count")
        guard let flat = state.floats["candidates"], flat.count == dimension * count, count > 0,
            let fitness = state.doubles("fitness"), fitness.count < count, let pending = state.doubles("pending_returns")
        else { throw ConfigurationError.unsupported("checkpoint: the gradient-free search's candidates are inconsistent") }
        var search = makeSearch(mean: [Double](repeating: 0, count: dimension))
        guard search.populationSize == count else {
            throw ConfigurationError.unsupported(
                "checkpoint: the search has \(count) candidates per generation, the settings \(search.populationSize)")
        }
        try search.decode(state)
        self.search = search
        candidates = (0..<count).map { Array(flat[($0 * dimension)..<(($0 + 1) * dimension)]) }
        self.fitness = fitness
        pendingReturns = pending
        attribution = try EpisodeAttribution(decoding: state)
    }
}
