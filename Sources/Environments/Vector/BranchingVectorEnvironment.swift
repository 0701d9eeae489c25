/// What the vine sampler needs from a vector environment (Schulman et al. 2015, §5.2): the state
/// of one copy, to start branch rollouts from, a fresh single copy to run them in, and the
/// learner's view of what that copy returns (normalised observations, scaled rewards).
public protocol BranchingVectorEnvironment: VectorEnvironmentProtocol {
    /// The full state of copy `copy`, its random stream included.
    func snapshot(copy: Int) throws -> EnvironmentSnapshot
    /// A new single environment like the copies, into which snapshots restore.
    func makeBranchEnvironment() throws -> any Environment
    /// The observation the learner sees for a raw observation of one copy.
    func learnerObservation(_ raw: [Float]) -> [Float]
    /// The reward the learner is trained on for a raw reward.
    func learnerReward(_ raw: Double) -> Double
}

extension VectorEnvironment: BranchingVectorEnvironment {
    public func snapshot(copy: Int) throws -> EnvironmentSnapshot { environments[copy].snapshot() }

    public func makeBranchEnvironment() throws -> any Environment { try makeCopy() }

    public func learnerObservation(_ raw: [Float]) -> [Float] { raw }

    public func learnerReward(_ raw: Double) -> Double { raw }
}

extension NormalizedVectorEnvironment: BranchingVectorEnvironment {
    public func snapshot(copy: Int) throws -> EnvironmentSnapshot {
        try branchingWrapped().snapshot(copy: copy)
    }

    public func makeBranchEnvironment() throws -> any Environment { try branchingWrapped().makeBranchEnvironment() }

    /// Normalised with the current (frozen while branching) statistics.
    public func learnerObservation(_ raw: [Float]) -> [Float] { normalize(observations: raw) }

    /// Scaled by the return statistics when rewards are normalised.
    public func learnerReward(_ raw: Double) -> Double { normalizesRewards ? normalize(reward: raw) : raw }

    private func branchingWrapped() throws -> any BranchingVectorEnvironment {
        guard let inner = wrapped as? any BranchingVectorEnvironment else {
            throw EnvironmentError.invalidConfiguration("the wrapped vector environment cannot start branches")
        }
        return inner
    }
}
