import Foundation
import Synchronization

/// A thread lent to another thread's parallel regions once it has finished its own work.
///
/// When the policy step and the critic fit run side by side, one on each of two threads, the
/// shorter one used to leave its core idle until the other finished (TRPO on Pong: a 13 s policy
/// step beside a 7 s critic fit). With a helper, the policy step's thread (the owner, inside
/// `lend`) runs its regions at full width: `Parallel.forEach` hands them to `perform`, where the
/// owner claims indices one by one and the helper, once its own work is done and it `serve`s,
/// claims the rest. Nobody waits for the helper: until it serves, the owner claims every index
/// itself, and once a wait for the helper's index has been long (another process took its core),
/// help is declined for the rest of the `lend`. As everywhere in `Parallel`, an index's work does
/// not depend on who runs it, so the bits do not depend on whether help came.
public final class RegionHelper: @unchecked Sendable {
    /// generation << 32 | index count << 16 | next unclaimed index, of the current region.
    private let state = Atomic<UInt64>(0)
    /// Indices of the current region the helper finished.
    private let helped = Atomic<Int>(0)
    /// 0 before `lend`, 1 while its body runs, 2 after.
    private let phase = Atomic<Int>(0)
    /// Set by the owner once it waited far longer for the helper's indices than an index takes
    /// (the helper's core is taken by another process): the helper then stops claiming.
    private let declined = Atomic<Bool>(false)
    /// The current region's body; read only after a successful claim, while its owner waits.
    private nonisolated(unsafe) var body: ((Int) -> Void)?

    /// A helper for one `lend`.
    public init() {}

    /// Runs `work` on this thread with this helper behind its `Parallel.forEach` regions.
    public func lend<Result>(_ work: () throws -> Result) rethrows -> Result {
        precondition(Self.current == nil, "a thread lends one helper at a time")
        Self.setCurrent(self)
        phase.store(1, ordering: .releasing)
        defer {
            phase.store(2, ordering: .releasing)
            Self.setCurrent(nil)
        }
        return try work()
    }

    /// Helps the owner's regions until its `lend` returns (at once if it has not begun, so a
    /// caller that runs both sides one after the other cannot deadlock).
    public func serve() {
        var seen = state.load(ordering: .acquiring) >> 32
        var idle = 0
        while phase.load(ordering: .acquiring) == 1 && !declined.load(ordering: .relaxed) {
            let current = state.load(ordering: .acquiring)
            guard current >> 32 != seen else {
                idle += 1
                // After a few thousand polls, let another process's thread have the core.
                if idle > 2_000 { sched_yield() }
                continue
            }
            (seen, idle) = (current >> 32, 0)
            while !declined.load(ordering: .relaxed), let index = claim(generation: seen) {
                run(index)
                helped.add(1, ordering: .releasing)
            }
        }
    }

    /// Calls `body(index)` for every index of 0..<count: the owner claims them, and so does the
    /// helper if it serves; returns when all are done.
    func perform(count: Int, _ body: (Int) -> Void) {
        // A region inside a region (none today) runs where it is.
        guard self.body == nil else {
            for index in 0..<count { body(index) }
            return
        }
        precondition(count < 1 << 16, "a region of at most 2¹⁶ − 1 indices (Parallel.forEach hands over pieces)")
        withoutActuallyEscaping(body) { escapable in
            self.body = escapable
            helped.store(0, ordering: .relaxed)
            let generation = (state.load(ordering: .relaxed) >> 32) &+ 1
            state.store(generation << 32 | UInt64(count) << 16, ordering: .releasing)
            var done = 0
            let start = Self.now()
            while let index = claim(generation: generation) {
                escapable(index)
                done += 1
            }
            guard done < count else {
                self.body = nil
                return
            }
            let claimed = Self.now()
            var spins = 0
            while helped.load(ordering: .acquiring) < count - done {
                spins += 1
                if spins > 1_000 { sched_yield() }
            }
            // A helper that kept the owner waiting more than two of the owner's indices (and 50 µs)
            // lost its core mid-index; with a busy process beside us that happens again and again.
            if done > 0 && Self.now() - claimed > 2 * (claimed - start) / UInt64(done) + 50_000 {
                declined.store(true, ordering: .relaxed)
            }
            self.body = nil
        }
    }

    /// Claims the next index of `generation`'s region, or nil if it is another or fully claimed.
    private func claim(generation: UInt64) -> Int? { state.claimNext(generation: generation) }

    /// Runs one claimed index; not inlined, so the reference to the body is released before
    /// `helped` counts it (the owner's `withoutActuallyEscaping` checks nobody still holds it).
    @inline(never)
    private func run(_ index: Int) {
        body?(index)
    }

    /// Monotonic nanoseconds.
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    // MARK: The owner's helper, per thread

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The helper lent to this thread's regions, if it is inside a `lend`.
    static var current: RegionHelper? {
        pthread_getspecific(key).map { Unmanaged<RegionHelper>.fromOpaque($0).takeUnretainedValue() }
    }

    private static func setCurrent(_ helper: RegionHelper?) {
        pthread_setspecific(key, helper.map { Unmanaged.passUnretained($0).toOpaque() })
    }
}
