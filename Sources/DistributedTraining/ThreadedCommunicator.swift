import Foundation

/// An in-process world of `size` participants, one thread each: what tests use to exercise the
/// distributed code paths (shares, ordered reductions, step exchanges) without `mpirun`.
public final class ThreadedWorld: @unchecked Sendable {
    /// The number of participants.
    public let size: Int
    private let condition = NSCondition()
    private var slots: [[UInt8]]
    private var arrived = 0
    private var generation = 0
    private var results: [[UInt8]] = []

    /// A world of `size` participants.
    public init(size: Int) {
        self.size = max(size, 1)
        slots = [[UInt8]](repeating: [], count: self.size)
    }

    /// Participant `rank`'s communicator.
    public func communicator(rank: Int) -> any Communicator { ThreadedCommunicator(world: self, rank: rank) }

    /// Runs `body(communicator)` for every participant on its own thread and returns the results in rank order.
    public func run<Result: Sendable>(_ body: @escaping @Sendable (any Communicator) throws -> Result) throws -> [Result] {
        let outcomes = LockedBox([Swift.Result<Result, any Error>?](repeating: nil, count: size))
        let group = DispatchGroup()
        for rank in 0..<size {
            group.enter()
            let thread = Thread { [self] in
                let outcome = Swift.Result { try body(communicator(rank: rank)) }
                outcomes.modify { $0[rank] = outcome }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return try outcomes.value.map { outcome in
            guard let outcome else { throw DistributedError.malformedMessage }
            return try outcome.get()
        }
    }

    fileprivate func allGather(_ bytes: [UInt8], rank: Int) -> [[UInt8]] {
        condition.lock()
        defer { condition.unlock() }
        let current = generation
        slots[rank] = bytes
        arrived += 1
        if arrived == size {
            // Published as a copy: a fast participant may deposit into `slots` for the next
            // collective before a slow one has read this result.
            results = slots
            arrived = 0
            generation += 1
            condition.broadcast()
        } else {
            while generation == current { condition.wait() }
        }
        return results
    }
}

/// One participant of a `ThreadedWorld`.
final class ThreadedCommunicator: Communicator, @unchecked Sendable {
    let world: ThreadedWorld
    let rank: Int

    init(world: ThreadedWorld, rank: Int) {
        self.world = world
        self.rank = rank
    }

    var size: Int { world.size }

    func allGather(_ bytes: [UInt8]) -> [[UInt8]] { world.allGather(bytes, rank: rank) }

    func abort(code: Int32) -> Never { fatalError("simulated distributed run aborted with code \(code)") }
}

/// A value behind a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func modify(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
