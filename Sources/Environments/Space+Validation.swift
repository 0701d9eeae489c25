// MARK: - Action and observation membership

extension Space {
    /// Throws a typed error unless `action` is an element of this space (as an action).
    ///
    /// Box actions are accepted outside the bounds (Gymnasium's classic-control environments clip
    /// them themselves, and `ClipAction` clips for others) but must be finite and of the right length.
    @inlinable
    public func validate(_ action: Action) throws(EnvironmentError) {
        switch (self, action) {
        case (.discrete(let count), .discrete(let value)):
            guard value >= 0 && value < count else {
                throw .discreteActionOutOfRange(value: value, count: count)
            }
        case (.box(let low, _), .continuous(let values)):
            guard values.count == low.count else {
                throw .actionCountMismatch(expected: low.count, actual: values.count, space: self)
            }
            for value in values where !value.isFinite { throw .nonFiniteAction(values: values) }
        case (.multiDiscrete(let counts), .multiDiscrete(let values)):
            guard values.count == counts.count else {
                throw .actionCountMismatch(expected: counts.count, actual: values.count, space: self)
            }
            for (value, count) in zip(values, counts) where value < 0 || value >= count {
                throw .discreteActionOutOfRange(value: value, count: count)
            }
        case (.multiBinary(let count), .multiBinary(let values)):
            guard values.count == count else {
                throw .actionCountMismatch(expected: count, actual: values.count, space: self)
            }
            for value in values where value != 0 && value != 1 {
                throw .discreteActionOutOfRange(value: value, count: 2)
            }
        default:
            throw .actionKindMismatch(action: action, space: self)
        }
    }

    /// Whether `observation` lies in this space: right length, and within bounds (integral for discrete).
    public func contains(observation: [Float]) -> Bool {
        guard observation.count == dimension else { return false }
        switch self {
        case .discrete(let count):
            return isIntegral(observation[0], below: count)
        case .box(let low, let high):
            for index in observation.indices
            where !(observation[index] >= low[index] && observation[index] <= high[index]) {
                return false
            }
            return true
        case .multiDiscrete(let counts):
            return zip(observation, counts).allSatisfy { isIntegral($0, below: $1) }
        case .multiBinary:
            return observation.allSatisfy { isIntegral($0, below: 2) }
        }
    }

    private func isIntegral(_ value: Float, below count: Int) -> Bool {
        value >= 0 && value < Float(count) && value.rounded(.towardZero) == value
    }

    /// Why this space is malformed (non-positive counts, mismatched or inverted bounds, NaN bounds);
    /// empty when it is well formed.
    public var malformations: [String] {
        switch self {
        case .discrete(let count):
            return count > 0 ? [] : ["Discrete(\(count)) must have a positive count"]
        case .box(let low, let high):
            var problems: [String] = []
            if low.isEmpty { problems.append("Box has no coordinates") }
            if low.count != high.count {
                problems.append("Box bounds differ in length: low \(low.count), high \(high.count)")
                return problems
            }
            for index in low.indices {
                if low[index].isNaN || high[index].isNaN {
                    problems.append("Box bound \(index) is NaN")
                } else if low[index] > high[index] {
                    problems.append("Box bound \(index): low \(low[index]) > high \(high[index])")
                }
            }
            return problems
        case .multiDiscrete(let counts):
            if counts.isEmpty { return ["MultiDiscrete has no coordinates"] }
            return counts.enumerated().compactMap { index, count in
                count > 0 ? nil : "MultiDiscrete count \(index) is \(count), must be positive"
            }
        case .multiBinary(let count):
            return count > 0 ? [] : ["MultiBinary(\(count)) must have a positive count"]
        }
    }
}
