import Dispatch
import Testing
@testable import DenseLinearAlgebra

@Suite struct ParallelTests {
    /// Every index is visited exactly once, in contiguous chunks, for many job sizes and thread
    /// counts, thousands of times in a row (the pool's generations must never skip or repeat).
    @Test func everyIndexOnceForManyJobs() {
        for threads in [1, 2, 3, 5] {
            for count in [0, 1, 2, 7, 64] {
                for _ in 0..<300 {
                    var visits = [Int](repeating: 0, count: count)
                    visits.withUnsafeMutableBufferPointer { buffer in
                        Parallel.forEach(count: count, threads: threads) { index in buffer[index] += 1 }
                    }
                    #expect(visits.allSatisfy { $0 == 1 })
                }
            }
        }
    }

    /// Two submitters at once (as two runs in one process): both jobs complete correctly, one of
    /// them on the fallback path.
    @Test func concurrentSubmittersBothComplete() {
        let results = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * 1000)
        defer { results.deallocate() }
        results.initialize(repeating: 0)
        let shared = UncheckedResults(buffer: results)
        DispatchQueue.concurrentPerform(iterations: 2) { submitter in
            for _ in 0..<200 {
                Parallel.forEach(count: 1000, threads: 2) { index in shared.buffer[submitter * 1000 + index] += 1 }
            }
        }
        #expect(results.allSatisfy { $0 == 200 })
    }
}

private struct UncheckedResults: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int>
}
