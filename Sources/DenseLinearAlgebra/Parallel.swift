import Dispatch

/// Work spread over threads (contiguous chunks, or indices claimed one by one), with results that
/// do not depend on the split.
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
        onDispatch(count: count, chunks: chunks, body)
    }

    /// Another job holds the pool (concurrent runs in one process): Dispatch's workers run the chunks.
    private static func onDispatch(count: Int, chunks: Int, _ body: (Int, Range<Int>) -> Void) {
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendableClosure(escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                shared.body(chunk, (chunk * count / chunks)..<((chunk + 1) * count / chunks))
            }
        }
    }

    /// Calls `body(index)` for every index of 0..<count on up to `threads` threads, which claim
    /// the indices one by one (in pieces of several when there are more than 2¹⁵): a thread that
    /// is slow or loses its core to another process holds up at most the index it is running, and
    /// the others take the rest. `body` must not depend on which thread runs an index.
    public static func forEach(count: Int, threads: Int, _ body: (Int) -> Void) {
        let participants = max(1, min(threads, count))
        guard participants > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let pieces = min(count, 1 << 15)
        func run(piece: Int) {
            for index in (piece * count / pieces)..<((piece + 1) * count / pieces) { body(index) }
        }
        if let helper = RegionHelper.current {
            helper.perform(count: pieces, run)
            return
        }
        let ran = WorkerPool.shared.run(chunks: pieces, helpers: participants - 1, run)
        if ran { return }
        onDispatch(count: count, chunks: participants) { _, range in
            for index in range { body(index) }
        }
    }
}

/// A closure moved across threads; `Parallel`'s callers guarantee disjoint writes.
private struct UncheckedSendableClosure: @unchecked Sendable {
    let body: (Int, Range<Int>) -> Void
    init(_ body: @escaping (Int, Range<Int>) -> Void) { self.body = body }
}
