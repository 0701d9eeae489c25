import Testing

@testable import DistributedTraining

@Suite struct SpinWindowTests {
    /// Short waits (free cores) keep the window at its ceiling; a long one shrinks it, and short
    /// ones bring it back.
    @Test func shortWaitsKeepTheWindowAndLongOnesShrinkIt() {
        var window = SpinWindow(maximum: 2e-3)
        #expect(window.seconds == 2e-3)
        for _ in 0..<100 { window.record(wait: 30e-6) }
        #expect(window.seconds == 2e-3)
        window.record(wait: 0.1)
        #expect(window.seconds == 0.5e-3)
        for _ in 0..<2 { window.record(wait: 30e-6) }
        #expect(window.seconds == 2e-3)
    }

    /// Mostly long waits (loaded cores) bring the window to nothing, though one wait in three is short.
    @Test func mostlyLongWaitsStopTheSpinning() {
        var window = SpinWindow(maximum: 2e-3)
        for round in 0..<30 {
            window.record(wait: 5e-3)
            window.record(wait: 5e-3)
            window.record(wait: 10e-6)
            if round >= 10 { #expect(window.seconds <= 20e-6) }
        }
        // After two long waits in a row the rank yields at once.
        window.record(wait: 5e-3)
        window.record(wait: 5e-3)
        #expect(window.seconds == 0)
    }

    @Test func aZeroCeilingNeverSpins() {
        var window = SpinWindow(maximum: 0)
        for wait in [0.0, 1e-6, 1e-3] { window.record(wait: wait) }
        #expect(window.seconds == 0)
    }

    /// Open MPI's rule for the ceiling: spin only with a CPU per rank; the variable overrides it.
    @Test func ceilingFollowsOversubscription() {
        let twoRanks = ["OMPI_COMM_WORLD_LOCAL_SIZE": "2", "OMPI_MCA_mpi_oversubscribe": "0"]
        #expect(SpinWindow.defaultMaximum(environment: twoRanks, processors: 2) == 2e-3)
        #expect(SpinWindow.defaultMaximum(environment: twoRanks, processors: 1) == 0)
        let bound = twoRanks.merging(["OMPI_MCA_orte_bound_at_launch": "1"]) { $1 }
        #expect(SpinWindow.defaultMaximum(environment: bound, processors: 1) == 2e-3)
        let threeRanks = ["OMPI_COMM_WORLD_LOCAL_SIZE": "3", "OMPI_MCA_mpi_oversubscribe": "1"]
        #expect(SpinWindow.defaultMaximum(environment: threeRanks, processors: 4) == 0)
        let chosen = threeRanks.merging(["TRPO_MPI_SPIN_MICROSECONDS": "200"]) { $1 }
        #expect(SpinWindow.defaultMaximum(environment: chosen, processors: 2) == 200e-6)
    }

    @Test func cpuListsAreCounted() {
        #expect(SpinWindow.cpuCount(list: "\t0-1") == 2)
        #expect(SpinWindow.cpuCount(list: " 0-3,8,10-11") == 7)
        #expect(SpinWindow.cpuCount(list: "x") == nil)
        #expect(SpinWindow.processors >= 1)
    }
}
