import DenseLinearAlgebra

/// The full state of a vector environment (and its normalisation), for checkpoints.
///
/// Restoring it into a vector environment built the same way continues the run exactly: every
/// copy's state and random stream, the running episode statistics, and the normaliser's
/// statistics come back.
public struct VectorEnvironmentSnapshot: Sendable, Hashable, Codable {
    /// Each copy's snapshot, in order.
    public var copies: [EnvironmentSnapshot]
    /// Each copy's running episode return and length.
    public var runningReturns: [Double]
    public var runningLengths: [Int]
    /// The normaliser's state, if the environment is normalised.
    public var normalization: NormalizationState?

    public init(
        copies: [EnvironmentSnapshot], runningReturns: [Double], runningLengths: [Int],
        normalization: NormalizationState? = nil
    ) {
        self.copies = copies
        self.runningReturns = runningReturns
        self.runningLengths = runningLengths
        self.normalization = normalization
    }
}

/// The statistics of a `NormalizedVectorEnvironment`.
public struct NormalizationState: Sendable, Hashable, Codable {
    public var observationStatistics: RunningMeanVariance
    public var returnStatistics: RunningMeanVariance
    public var discountedReturns: [Double]

    public init(
        observationStatistics: RunningMeanVariance, returnStatistics: RunningMeanVariance, discountedReturns: [Double]
    ) {
        self.observationStatistics = observationStatistics
        self.returnStatistics = returnStatistics
        self.discountedReturns = discountedReturns
    }
}

/// A vector environment whose whole state can be saved and restored.
public protocol SnapshottingVectorEnvironment: VectorEnvironmentProtocol {
    /// The full state.
    func vectorSnapshot() throws -> VectorEnvironmentSnapshot
    /// Puts the environment back into a saved state.
    func restore(_ snapshot: VectorEnvironmentSnapshot) throws
}

extension VectorEnvironment: SnapshottingVectorEnvironment {
    public func vectorSnapshot() throws -> VectorEnvironmentSnapshot {
        guard completedEpisodes.isEmpty else {
            throw EnvironmentError.invalidConfiguration(
                "\(name): take the completed episodes before a snapshot (they are not part of it)")
        }
        return VectorEnvironmentSnapshot(
            copies: environments.map { $0.snapshot() }, runningReturns: runningReturns, runningLengths: runningLengths)
    }

    public func restore(_ snapshot: VectorEnvironmentSnapshot) throws {
        guard snapshot.copies.count == count, snapshot.runningReturns.count == count,
            snapshot.runningLengths.count == count
        else {
            throw EnvironmentError.invalidSnapshot(
                environment: name, reason: "it holds \(snapshot.copies.count) copies, this environment has \(count)")
        }
        for (environment, copy) in zip(environments, snapshot.copies) { try environment.restore(copy) }
        episodes.restore(runningReturns: snapshot.runningReturns, runningLengths: snapshot.runningLengths)
        isReset = true
    }
}

extension NormalizedVectorEnvironment: SnapshottingVectorEnvironment {
    public func vectorSnapshot() throws -> VectorEnvironmentSnapshot {
        guard let inner = wrapped as? any SnapshottingVectorEnvironment else {
            throw EnvironmentError.invalidConfiguration("the wrapped vector environment cannot be snapshotted")
        }
        var snapshot = try inner.vectorSnapshot()
        snapshot.normalization = NormalizationState(
            observationStatistics: observationStatistics, returnStatistics: returnStatistics,
            discountedReturns: discountedReturns)
        return snapshot
    }

    public func restore(_ snapshot: VectorEnvironmentSnapshot) throws {
        guard let inner = wrapped as? any SnapshottingVectorEnvironment else {
            throw EnvironmentError.invalidConfiguration("the wrapped vector environment cannot be restored")
        }
        guard let normalization = snapshot.normalization,
            normalization.observationStatistics.dimension == observationSpace.dimension,
            normalization.discountedReturns.count == count
        else {
            throw EnvironmentError.invalidSnapshot(
                environment: "normalised vector environment", reason: "normalisation statistics missing or misshapen")
        }
        try inner.restore(snapshot)
        observationStatistics = normalization.observationStatistics
        returnStatistics = normalization.returnStatistics
        discountedReturns = normalization.discountedReturns
    }
}
