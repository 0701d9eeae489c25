import Dispatch

/// Work spread over threads in contiguous chunks, with results that do not depend on the split.
///
/// Callers keep each chunk's writes disjoint and reduce in index order afterwards; that is what
/// makes threaded runs identical, bit for bit, to serial ones.
public enum Parallel {
    /// Calls `body(chunk, range)` for `min(threads, count)` contiguous chunks of 0..<count, on
    /// several threads when `threads` > 1, and returns when all are done.
    public static func forEachChunk(count: Int, threads: Int, _ body: (Int, Range<Int>) -> Void) {
        let chunks = max(1, min(threads, count))
        if chunks == 1 {
            if count > 0 { body(0, 0..<count) }
            return
        }
        let ran = WorkerPool.shared.run(chunks: chunks) { chunk in
            body(chunk, (chunk * count / chunks)..<((chunk + 1) * count / chunks))
        }
        if ran { return }
        // Another job holds the pool (concurrent runs in one process): Dispatch's workers.
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendableClosure(escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                shared.body(chunk, (chunk * count / chunks)..<((chunk + 1) * count / chunks))
            }
        }
    }

    /// Calls `body(index)` for every index of 0..<count, spread as `forEachChunk` spreads chunks.
    public static func forEach(count: Int, threads: Int, _ body: (Int) -> Void) {
        forEachChunk(count: count, threads: threads) { _, range in
            for index in range { body(index) }
        }
    }
}

/// A closure moved across threads; `Parallel`'s callers guarantee disjoint writes.
private struct UncheckedSendableClosure: @unchecked Sendable {
    let body: (Int, Range<Int>) -> Void
    init(_ body: @escaping (Int, Range<Int>) -> Void) { self.body = body }
}
