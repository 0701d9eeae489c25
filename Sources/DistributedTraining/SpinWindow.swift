import Foundation

/// How long a rank waiting for its partners polls without yielding its core, adapted to how long
/// its waits turn out to be.
///
/// On cores of its own a rank should spin: once the partner arrives, a yielding rank notices only
/// after its next poll, and each yield is a system call (measured on 2 free cores: Hopper at np 2
/// took 6.67 s yielding at every poll, 5.96 s spinning 200 µs first). Where the cores are shared
/// (more ranks than CPUs, or other work beside the job), spinning takes the CPU that the awaited
/// rank needs: under load 9 on 2 cores, 2 ms of spinning per wait made that run 298 s instead of
/// 47 (both under perf). Hence Open MPI's rule for the ceiling (`defaultMaximum`: no spinning on an
/// oversubscribed node, as its `mpi_yield_when_idle`) and adaptation below it: a wait that ends
/// within the window (or within `floor`, so a window at zero can grow again) doubles the window
/// up to `maximum`; a wait that outlasts it quarters it. Short waits, the case of free cores,
/// keep it at the ceiling; mostly long waits, the case of loaded cores, bring it to nothing.
/// Only the wait's cost changes, never what is exchanged, so the bits of a run do not depend on it.
public struct SpinWindow: Sendable, Equatable {
    /// The ceiling of the window, in seconds (0: no spinning; the wait yields, then sleeps).
    public let maximum: Double
    /// Waits at most this long count as short even when the window is smaller, in seconds.
    public let floor: Double
    /// How long the next wait spins before it yields, in seconds.
    public private(set) var seconds: Double

    /// A window starting at its ceiling `maximum`.
    public init(maximum: Double, floor: Double = 20e-6) {
        self.maximum = max(maximum, 0)
        self.floor = min(max(floor, 0), self.maximum)
        seconds = self.maximum
    }

    /// Adapts the window to a wait that took `wait` seconds.
    public mutating func record(wait: Double) {
        guard maximum > 0 else { return }
        if wait <= max(seconds, floor) {
            seconds = min(max(2 * seconds, floor), maximum)
        } else {
            seconds /= 4
            if seconds < floor / 4 { seconds = 0 }
        }
    }

    /// The ceiling of a node's ranks, from Open MPI's launch variables: `TRPO_MPI_SPIN_MICROSECONDS`
    /// if set; else none if the node is oversubscribed — mpirun says so (`OMPI_MCA_mpi_oversubscribe=1`:
    /// more ranks than slots), or the node's ranks (`OMPI_COMM_WORLD_LOCAL_SIZE`) outnumber the CPUs
    /// this process may run on (`processors`, its affinity mask) and mpirun did not bind them (a
    /// bound rank's mask is its own cores: `OMPI_MCA_orte_bound_at_launch=1`); else 2 ms.
    public static func defaultMaximum(environment: [String: String], processors: Int) -> Double {
        if let microseconds = environment["TRPO_MPI_SPIN_MICROSECONDS"].flatMap({ Double($0) }) {
            return max(microseconds, 0) / 1e6
        }
        let localRanks = environment["OMPI_COMM_WORLD_LOCAL_SIZE"].flatMap { Int($0) } ?? 1
        let bound = environment["OMPI_MCA_orte_bound_at_launch"] == "1"
        let oversubscribed =
            environment["OMPI_MCA_mpi_oversubscribe"] == "1" || (!bound && localRanks > max(processors, 1))
        return oversubscribed ? 0 : 2e-3
    }

    /// The CPUs this process may run on: its affinity mask, as /proc/self/status lists it
    /// (`Cpus_allowed_list: 0-3,8`), else the active processors.
    public static var processors: Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
        return line.flatMap { cpuCount(list: $0.dropFirst("Cpus_allowed_list:".count)) }
            ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// The CPUs of a Linux CPU list (`0-3,8` is 5), or nil if it is not one.
    static func cpuCount(list: Substring) -> Int? {
        var count = 0
        for item in list.split(separator: ",") {
            let bounds = item.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let first = bounds.first ?? nil, let last = bounds.last ?? nil, bounds.count <= 2, last >= first
            else { return nil }
            count += last - first + 1
        }
        return count > 0 ? count : nil
    }
}
