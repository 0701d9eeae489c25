import Foundation
import Synchronization

/// Long-lived worker threads for the many short parallel regions of training (a Fisher-vector
/// product on two threads takes ~300 µs; waking a `concurrentPerform` worker costs ~50 µs here).
///
/// A job is `chunks` calls `body(0) … body(chunks − 1)`. Chunks are claimed, not assigned: the
/// submitting thread and every awake worker take the next unclaimed chunk until none is left, so
/// a worker without a core (another process holds it) never holds up the job — the submitter
/// runs its chunks. Workers spin only briefly after a job, then park on a condition variable, so
/// an idle pool leaves the other core to whoever needs it. One job runs at a time; a second
/// concurrent submitter (e.g. two runs of `trpo compare` in one process) gets `false` and runs
/// elsewhere. A chunk's work is the same whoever runs it, so results never depend on the pool.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// generation << 32 | chunk count << 16 | next unclaimed chunk, of the current job. Claims are
    /// compare-and-swaps on this one word, so a worker can only claim chunks of the generation it
    /// saw, and never past the count.
    private let state = Atomic<UInt64>(0)
    /// Chunks of the current job finished (by anyone).
    private let finished = Atomic<Int>(0)
    /// Whether a job is being submitted or run.
    private let busy = Atomic<Bool>(false)
    /// The current job's body; read only after a successful claim, while its submitter waits.
    private nonisolated(unsafe) var body: ((Int) -> Void)?
    private let condition = NSCondition()
    /// Workers parked on `condition` (guarded by it).
    private nonisolated(unsafe) var sleeping = 0
    /// Started workers (touched only by the submitter holding `busy`).
    private nonisolated(unsafe) var workerCount = 0

    /// Polls of the job word before a worker parks (a few tens of µs): enough to catch the next
    /// region of the same step (CG's products follow each other closely), short enough not to
    /// take a core from another process for long.
    private static let spinLimit = 20_000

    /// Runs `body(chunk)` for chunk in 0..<chunks on this thread and the workers (at least
    /// `helpers` of them started, `chunks − 1` by default); returns false, having run nothing,
    /// if another job is in progress.
    func run(chunks: Int, helpers: Int? = nil, _ body: (Int) -> Void) -> Bool {
        guard chunks > 1, chunks < 1 << 16 else {
            for chunk in 0..<max(chunks, 0) { body(chunk) }
            return true
        }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        while workerCount < min(helpers ?? chunks - 1, chunks - 1) { startWorker(index: workerCount) }
        withoutActuallyEscaping(body) { escapable in
            self.body = escapable
            finished.store(0, ordering: .relaxed)
            condition.lock()
            let generation = (state.load(ordering: .relaxed) >> 32) &+ 1
            // Chunk 0 is the submitter's; the rest go to whoever claims them first.
            state.store(generation << 32 | UInt64(chunks) << 16 | 1, ordering: .releasing)
            if sleeping > 0 { condition.broadcast() }
            condition.unlock()
            escapable(0)
            var done = 1
            while let chunk = claim(generation: generation) {
                escapable(chunk)
                done += 1
            }
            if done < chunks {
                finished.add(done, ordering: .relaxed)
                var spins = 0
                while finished.load(ordering: .acquiring) < chunks {
                    spins += 1
                    // A worker preempted inside its chunk needs this core more than we do.
                    if spins > 1_000 { sched_yield() }
                }
            }
            self.body = nil
        }
        return true
    }

    /// Claims the next chunk of `generation`'s job, or nil if the job is another or fully claimed.
    private func claim(generation: UInt64) -> Int? { state.claimNext(generation: generation) }

    /// Starts worker `index`; it treats the current generation as seen (the job about to be
    /// published is the first it takes part in), whenever its thread actually starts.
    private func startWorker(index: Int) {
        workerCount += 1
        let seen = state.load(ordering: .acquiring) >> 32
        let thread = Thread { [unowned self] in self.work(seen: seen) }
        thread.name = "TrustRegion worker \(index + 1)"
        thread.start()
    }

    /// Runs one claimed chunk. Not inlined so that the worker's reference to the body is released
    /// before `finished` is incremented: the submitter's `withoutActuallyEscaping` checks, when
    /// it ends, that nobody still holds the closure.
    @inline(never)
    private func runChunk(_ chunk: Int) {
        body?(chunk)
    }

    /// A worker's life: wait for each new generation, then claim and run chunks while any is left.
    private func work(seen start: UInt64) {
        var seen = start
        while true {
            var current = state.load(ordering: .acquiring)
            var spins = 0
            while current >> 32 == seen && spins < Self.spinLimit {
                spins += 1
                current = state.load(ordering: .acquiring)
            }
            if current >> 32 == seen {
                condition.lock()
                sleeping += 1
                while state.load(ordering: .acquiring) >> 32 == seen { condition.wait() }
                sleeping -= 1
                condition.unlock()
                current = state.load(ordering: .acquiring)
            }
            seen = current >> 32
            while let chunk = claim(generation: seen) {
                runChunk(chunk)
                finished.add(1, ordering: .releasing)
            }
        }
    }
}

extension Atomic where Value == UInt64 {
    /// Claims the next index of a job word `generation << 32 | count << 16 | next` (WorkerPool's
    /// and RegionHelper's), or nil if the word holds another generation or every index is claimed.
    /// A compare-and-swap per claim: nobody claims past the count or a job it did not see.
    func claimNext(generation: UInt64) -> Int? {
        var current = load(ordering: .acquiring)
        while current >> 32 == generation {
            let count = (current >> 16) & 0xFFFF, next = current & 0xFFFF
            guard next < count else { return nil }
            let (exchanged, original) = compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return Int(next) }
            current = original
        }
        return nil
    }
}
