import Foundation
import Synchronization

/// Long-lived worker threads that spin briefly between jobs, for the many short parallel regions
/// of training (a Fisher-vector product on two threads takes ~300 µs; waking a `concurrentPerform`
/// worker costs ~50 µs here).
///
/// A job is `chunks` calls `body(0) … body(chunks − 1)`: the submitting thread runs chunk 0 and
/// worker `w` runs chunk `w + 1`. Workers spin on a generation counter for a short while after
/// each job, then park on a condition variable. One job runs at a time; a second concurrent
/// submitter (e.g. two runs of `trpo compare` in one process) gets `false` and runs elsewhere.
/// Chunks are the same whoever runs them, so results never depend on the pool.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// generation << 16 | chunk count of the current job; published with release ordering.
    private let state = Atomic<UInt64>(0)
    /// Worker chunks of the current job not yet finished.
    private let pending = Atomic<Int>(0)
    /// Whether a job is being submitted or run.
    private let busy = Atomic<Bool>(false)
    /// The current job's body; read only by workers that take part in the current generation,
    /// while its submitter waits for them.
    private nonisolated(unsafe) var body: ((Int) -> Void)?
    private let condition = NSCondition()
    /// Workers parked on `condition` (guarded by it).
    private nonisolated(unsafe) var sleeping = 0
    /// Started workers (touched only by the submitter holding `busy`).
    private nonisolated(unsafe) var workerCount = 0

    /// Spins before a worker parks: long enough to cover the gap between consecutive regions of a
    /// training step, short enough not to burn a core between iterations.
    private static let spinLimit = 200_000

    /// Runs `body(chunk)` for chunk in 0..<chunks on this thread and `chunks − 1` workers; returns
    /// false, having run nothing, if another job is in progress.
    func run(chunks: Int, _ body: (Int) -> Void) -> Bool {
        guard chunks > 1, chunks < 1 << 16 else {
            for chunk in 0..<max(chunks, 0) { body(chunk) }
            return true
        }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        while workerCount < chunks - 1 { startWorker(index: workerCount) }
        withoutActuallyEscaping(body) { escapable in
            self.body = escapable
            pending.store(chunks - 1, ordering: .releasing)
            condition.lock()
            let generation = (state.load(ordering: .relaxed) >> 16) &+ 1
            state.store(generation << 16 | UInt64(chunks), ordering: .releasing)
            if sleeping > 0 { condition.broadcast() }
            condition.unlock()
            escapable(0)
            var spins = 0
            while pending.load(ordering: .acquiring) > 0 {
                spins += 1
                // A worker without a core (a loaded machine) needs this one to step aside.
                if spins > 10_000 { sched_yield() }
            }
            self.body = nil
        }
        return true
    }

    /// Starts worker `index`; it treats the current generation as seen (the job about to be
    /// published is the first it takes part in), whenever its thread actually starts.
    private func startWorker(index: Int) {
        workerCount += 1
        let seen = state.load(ordering: .acquiring) >> 16
        let thread = Thread { [unowned self] in self.work(index: index, seen: seen) }
        thread.name = "TrustRegion worker \(index + 1)"
        thread.start()
    }

    /// Runs one chunk of the current job. Not inlined so that the worker's reference to the body
    /// is released before `pending` is decremented: the submitter's `withoutActuallyEscaping`
    /// checks, when it ends, that nobody still holds the closure.
    @inline(never)
    private func runChunk(_ chunk: Int) {
        body?(chunk)
    }

    /// A worker's life: wait for each new generation, run its chunk if the job has one for it.
    private func work(index: Int, seen start: UInt64) {
        var seen = start
        while true {
            var current = state.load(ordering: .acquiring)
            var spins = 0
            while current >> 16 == seen && spins < Self.spinLimit {
                spins += 1
                current = state.load(ordering: .acquiring)
            }
            if current >> 16 == seen {
                condition.lock()
                sleeping += 1
                while state.load(ordering: .acquiring) >> 16 == seen { condition.wait() }
                sleeping -= 1
                condition.unlock()
                current = state.load(ordering: .acquiring)
            }
            seen = current >> 16
            let chunks = Int(current & 0xFFFF)
            if index + 1 < chunks {
                runChunk(index + 1)
                pending.subtract(1, ordering: .releasing)
            }
        }
    }
}
