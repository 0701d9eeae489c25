import Dispatch
import Foundation
import Synchronization
import Testing
@testable import DenseLinearAlgebra

/// A thread that has finished its own work helps another thread's parallel regions.
@Suite struct RegionHelperTests {
    /// The owner runs regions of 8 indices (each a few µs of work) while another thread first does
    /// some work of its own, then serves: every index of every region runs exactly once with the
    /// value the owner alone computes, and the helper runs some of them. (The owner keeps going
    /// past its 400 regions until the helper has taken part, for up to 10 s, so a loaded machine
    /// that is slow to schedule the helper does not fail the test.)
    @Test func helperJoinsTheOwnersRegionsAfterItsOwnWork() {
        let (capacity, width) = (20_000, 8)
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: capacity * width)
        let runs = UnsafeMutableBufferPointer<Int>.allocate(capacity: capacity * width)
        defer { (values.deallocate(), runs.deallocate()) }
        (values.initialize(repeating: 0), runs.initialize(repeating: 0))
        let shared = Buffers(values: values, runs: runs)
        let owner = Atomic<UInt>(0)
        let participated = Atomic<Bool>(false)
        @Sendable func work(_ seed: Int) -> Double {
            var sum = 0.0
            for term in 0..<4_000 { sum += sin(Double(seed * 31 + term)) }
            return sum
        }
        let helper = RegionHelper()
        let finished = DispatchSemaphore(value: 0)
        let other = Thread {
            _ = (0..<5).map { work($0 * 1_000) }
            helper.serve()
            finished.signal()
        }
        var regions = 0
        helper.lend {
            owner.store(UInt(pthread_self()), ordering: .relaxed)
            other.start()
            let deadline = Date().addingTimeInterval(10)
            while regions < capacity && (regions < 400 || (!participated.load(ordering: .relaxed) && Date() < deadline)) {
                let region = regions
                Parallel.forEach(count: width, threads: 2) { index in
                    let slot = region * width + index
                    shared.values[slot] = work(slot)
                    shared.runs[slot] += 1
                    if UInt(pthread_self()) != owner.load(ordering: .relaxed) { participated.store(true, ordering: .relaxed) }
                }
                regions += 1
            }
        }
        finished.wait()
        let used = regions * width
        #expect((0..<used).allSatisfy { runs[$0] == 1 })
        #expect((0..<used).allSatisfy { values[$0] == work($0) })
        let helped = participated.load(ordering: .relaxed)
        #expect(helped, "the helper took part once its own work was done")
        #expect(RegionHelper.current == nil)
    }

    /// A helper whose owner has not begun (both sides run one after the other on one thread)
    /// returns at once, and after the owner is done it returns too.
    @Test func serveNeverWaitsForAnOwnerThatIsNotRunning() {
        let helper = RegionHelper()
        helper.serve()
        var sum = 0
        helper.lend {
            Parallel.forEach(count: 100, threads: 2) { sum += $0 }
        }
        helper.serve()
        #expect(sum == 4950)
    }
}

private struct Buffers: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
    let runs: UnsafeMutableBufferPointer<Int>
}
