/// The participants of a distributed run and the one collective everything is built on.
///
/// Every participant (an MPI rank) calls the same collectives in the same order; `allGather`
/// returns every participant's bytes in rank order, so anything combined from them is combined
/// in one order, whatever the number of participants. Calls come from one thread only (the
/// trainer's): worker threads never communicate (MPI_THREAD_FUNNELED).
public protocol Communicator: AnyObject, Sendable {
    /// This participant's index, 0 ..< size.
    var rank: Int { get }
    /// The number of participants.
    var size: Int { get }
    /// Every participant's `bytes`, in rank order (a collective).
    func allGather(_ bytes: [UInt8]) -> [[UInt8]]
    /// Ends every participant at once with `code` (MPI_Abort): what a failure does that the others
    /// cannot learn of through a collective, so that no participant waits forever.
    func abort(code: Int32) -> Never
}

extension Communicator {
    /// Whether this is the participant that writes files (rank 0).
    public var isRoot: Bool { rank == 0 }

    /// Every participant's values, in rank order.
    public func allGather(_ values: [Float]) -> [[Float]] {
        allGather(ByteWriter.bytes(of: values)).map { ByteReader.floats(from: $0) }
    }

    /// Every participant's values, in rank order.
    public func allGather(_ values: [UInt64]) -> [[UInt64]] {
        var writer = ByteWriter()
        for value in values { writer.append(value) }
        return allGather(writer.bytes).map { bytes in
            var reader = ByteReader(bytes)
            return (0..<(bytes.count / 8)).compactMap { _ in try? reader.uint64() }
        }
    }

    /// Whether `flag` holds on any participant (a collective).
    public func any(_ flag: Bool) -> Bool {
        allGather([flag ? 1 : 0]).contains { $0.first == 1 }
    }
}

/// The world of one process: rank 0 of 1, every collective the identity.
public final class SingleProcessCommunicator: Communicator {
    public init() {}
    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func allGather(_ bytes: [UInt8]) -> [[UInt8]] { [bytes] }
    public func abort(code: Int32) -> Never { fatalError("distributed run aborted with code \(code)") }
}
