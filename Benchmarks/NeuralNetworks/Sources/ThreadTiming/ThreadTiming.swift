import Glibc

/// This thread's CPU seconds so far (a pass of a few hundred ms is time-sliced on a loaded machine,
/// so the benchmarks time the thread's CPU, not the wall).
public func threadSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The best (minimum) CPU seconds per call over `repetitions` calls after a warm-up.
public func measure(_ repetitions: Int, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = threadSeconds()
        body()
        best = min(best, threadSeconds() - start)
    }
    return best
}
