import Environments

// MARK: - Checkpoints and the vine's branches

extension DistributedVectorEnvironment: SnapshottingVectorEnvironment, BranchingVectorEnvironment {
    /// Every copy's state, gathered from the participants (a collective): the same snapshot a
    /// one-process vector environment of K copies gives, so checkpoints do not depend on P.
    public func vectorSnapshot() throws -> VectorEnvironmentSnapshot {
        let outcome = Result { try snapshotting().vectorSnapshot().copies }
        var copies = [EnvironmentSnapshot]()
        for var reader in try exchange(outcome, encode: { writer, copies in
            writer.append(copies.count)
            for copy in copies { Self.encode(&writer, copy) }
        }) {
            for _ in 0..<(try reader.int()) { copies.append(try Self.decodeSnapshot(&reader)) }
        }
        return VectorEnvironmentSnapshot(
            copies: copies, runningReturns: episodes.runningReturns, runningLengths: episodes.runningLengths)
    }

    /// Restores this participant's copies from a snapshot of all K (taken with any P).
    public func restore(_ snapshot: VectorEnvironmentSnapshot) throws {
        guard snapshot.copies.count == count, snapshot.runningReturns.count == count, snapshot.runningLengths.count == count
        else {
            throw EnvironmentError.invalidSnapshot(
                environment: "distributed vector environment",
                reason: "it holds \(snapshot.copies.count) copies, this run has \(count)")
        }
        let mine = VectorEnvironmentSnapshot(
            copies: Array(snapshot.copies[share]), runningReturns: Array(snapshot.runningReturns[share]),
            runningLengths: Array(snapshot.runningLengths[share]))
        try snapshotting().restore(mine)
        episodes.restore(runningReturns: snapshot.runningReturns, runningLengths: snapshot.runningLengths)
    }

    /// Copy `copy`'s state, sent by the participant that steps it (a collective: every participant
    /// asks for the same copies in the same order, as the vine's rollout set is the same everywhere).
    public func snapshot(copy: Int) throws -> EnvironmentSnapshot {
        let outcome: Result<EnvironmentSnapshot?, any Error> = Result {
            share.contains(copy) ? try branching().snapshot(copy: copy - share.lowerBound) : nil
        }
        let owner = WorkShare.owner(of: copy, count: count, parts: communicator.size)
        var readers = try exchange(outcome, encode: { writer, snapshot in
            if let snapshot { Self.encode(&writer, snapshot) }
        })
        return try Self.decodeSnapshot(&readers[owner])
    }

    public func makeBranchEnvironment() throws -> any Environment { try branching().makeBranchEnvironment() }

    public func learnerObservation(_ raw: [Float]) -> [Float] { raw }

    public func learnerReward(_ raw: Double) -> Double { raw }

    private func snapshotting() throws -> any SnapshottingVectorEnvironment {
        guard let inner = local as? any SnapshottingVectorEnvironment else {
            throw EnvironmentError.invalidConfiguration("the local vector environment cannot be snapshotted")
        }
        return inner
    }

    private func branching() throws -> any BranchingVectorEnvironment {
        guard let inner = local as? any BranchingVectorEnvironment else {
            throw EnvironmentError.invalidConfiguration("the local vector environment cannot start branches")
        }
        return inner
    }

    static func encode(_ writer: inout ByteWriter, _ snapshot: EnvironmentSnapshot) {
        writer.append(snapshot.reals.count)
        for value in snapshot.reals { writer.append(value) }
        writer.append(snapshot.integers.count)
        for value in snapshot.integers { writer.append(value) }
    }

    static func decodeSnapshot(_ reader: inout ByteReader) throws -> EnvironmentSnapshot {
        let reals = try (0..<(try reader.int())).map { _ in try reader.double() }
        let integers = try (0..<(try reader.int())).map { _ in try reader.uint64() }
        return EnvironmentSnapshot(reals: reals, integers: integers)
    }
}
