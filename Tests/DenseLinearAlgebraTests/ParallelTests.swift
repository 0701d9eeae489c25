import Dispatch
import Foundation
import Testing
@testable import DenseLinearAlgebra

@Suite struct ParallelTests {
    /// Every index is visited exactly once, whoever claims it, for many job sizes and thread
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

    /// Each chunk runs once with its own range, whoever claims it, also when the workers have
    /// parked between jobs (the pause outlasts their spin) and must be woken.
    @Test func chunksRunOnceAfterWorkersPark() {
        for round in 0..<40 {
            let count = 10 + round
            var seen = [Int](repeating: -1, count: count)
            var calls = [Int](repeating: 0, count: 3)
            seen.withUnsafeMutableBufferPointer { owners in
                calls.withUnsafeMutableBufferPointer { chunkCalls in
                    Parallel.forEachChunk(count: count, threads: 3) { chunk, range in
                        chunkCalls[chunk] += 1
                        #expect(range == (chunk * count / 3)..<((chunk + 1) * count / 3))
                        for index in range { owners[index] = chunk }
                    }
                }
            }
            #expect(calls == [1, 1, 1])
            var expected = [Int](repeating: -1, count: count)
            for chunk in 0..<3 {
                for index in (chunk * count / 3)..<((chunk + 1) * count / 3) { expected[index] = chunk }
            }
            #expect(seen == expected)
            if round % 4 == 0 { usleep(2_000) }
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
