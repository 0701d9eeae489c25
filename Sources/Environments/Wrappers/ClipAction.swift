/// Gymnasium's `ClipAction`: clips continuous actions to the wrapped environment's Box bounds.
///
/// As in Gymnasium, the wrapper's own action space is the unbounded Box of the same width, so a
/// Gaussian policy's raw samples are valid actions; non-Box actions pass through unchanged.
public final class ClipAction: Environment {
    /// The wrapped environment.
    public let wrapped: any Environment
    private let low: [Float]
    private let high: [Float]

    /// Wraps `environment`; its action space must be a Box.
    public init(_ environment: any Environment) throws {
        guard case .box(let low, let high) = environment.actionSpace else {
            throw EnvironmentError.invalidConfiguration(
                "ClipAction needs a Box action space, got \(environment.actionSpace.gymnasiumDescription)")
        }
        wrapped = environment
        self.low = low
        self.high = high
    }

    /// The wrapped environment's observation space.
    public var observationSpace: Space { wrapped.observationSpace }
    /// Box(−inf, inf) of the wrapped action width.
    public var actionSpace: Space {
        .box(
            low: [Float](repeating: -.infinity, count: low.count), high: [Float](repeating: .infinity, count: low.count)
        )
    }

    /// The action clipped to the wrapped Box (NaN stays NaN and is rejected by the wrapped environment).
    public func clipped(_ action: Action) -> Action {
        guard case .continuous(var values) = action, values.count == low.count else { return action }
        for index in values.indices where !values[index].isNaN {
            values[index] = Swift.min(Swift.max(values[index], low[index]), high[index])
        }
        return .continuous(values)
    }

    /// Starts an episode (Gymnasium's `reset(seed=)`) and returns its first observation.
    public func reset(seed: UInt64?) throws -> [Float] { try wrapped.reset(seed: seed) }

    /// Applies `action` (Gymnasium's `step`) and returns the transition.
    public func step(_ action: Action) throws -> StepResult {
        try actionSpace.validate(action)
        return try wrapped.step(clipped(action))
    }

    /// The full state, random stream included.
    public func snapshot() -> EnvironmentSnapshot { wrapped.snapshot() }

    /// Puts back a state taken by `snapshot()`; throws `invalidSnapshot` if it does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws { try wrapped.restore(snapshot) }
}
