#if MuJoCo
import Foundation
import MuJoCoEnvironments
import Testing

/// MuJoCo's warnings (here: an unstable simulation, which MuJoCo resets) are counted, not
/// printed or written to MUJOCO_LOG.TXT.
struct WarningTests {
    @Test("An unstable simulation is counted as a warning, without a log file")
    func unstableSimulationIsSilent() throws {
        let logFile = FileManager.default.currentDirectoryPath + "/MUJOCO_LOG.TXT"
        let existedBefore = FileManager.default.fileExists(atPath: logFile)
        let hopper = try MuJoCoEnvironment<Hopper>()
        _ = try hopper.reset(positions: hopper.simulation.initialPositions, velocities: [0, 0, 0, 1e300, -1e300, 1e300])
        #expect(hopper.simulation.warningCount == 0)
        _ = try hopper.step(.continuous([1, 1, 1]))
        #expect(hopper.simulation.warningCount > 0)
        #expect(FileManager.default.fileExists(atPath: logFile) == existedBefore)
    }
}
#endif
