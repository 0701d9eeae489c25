import Environments

/// SB3's `ClipRewardEnv` (DQN's reward clipping): the reward replaced by its sign, −1, 0 or +1.
public final class ClipReward: ByteObservationEnvironment, EnvironmentWrapper, LivesReporting {
    /// The environment whose rewards are clipped.
    public let inner: any ByteObservationEnvironment
    public var observationLayout: ObservationLayout { inner.observationLayout }
    public var observationSpace: Space { inner.observationSpace }
    public var actionSpace: Space { inner.actionSpace }
    public var wrapped: any Environment { inner }
    public var lives: Int { (inner as? any LivesReporting)?.lives ?? 0 }

    /// Clips the rewards of `environment`.
    public init(_ environment: any ByteObservationEnvironment) { inner = environment }

    /// NumPy's `np.sign` of a reward.
    static func sign(_ reward: Double) -> Double { reward > 0 ? 1 : (reward < 0 ? -1 : 0) }

    public func resetBytes(seed: UInt64?) throws -> [UInt8] { try inner.resetBytes(seed: seed) }

    public func stepBytes(_ action: Action) throws -> ByteStepResult {
        var result = try inner.stepBytes(action)
        result.reward = Self.sign(result.reward)
        return result
    }

    public func reset(seed: UInt64?) throws -> [Float] { try inner.reset(seed: seed) }

    public func step(_ action: Action) throws -> StepResult {
        var result = try inner.step(action)
        result.reward = Self.sign(result.reward)
        return result
    }

    public func snapshot() -> EnvironmentSnapshot { inner.snapshot() }
    public func restore(_ snapshot: EnvironmentSnapshot) throws { try inner.restore(snapshot) }
}
