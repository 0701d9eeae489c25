import Foundation

/// The Python interpreter for the bridge tests: `TRPO_PYTHON`, else the package's `.venv-gym`
/// (made as the README says), else `python3`; nil when that interpreter cannot import gymnasium,
/// and the tests that need it are then skipped with that reason.
public enum TestPython {
    public static let interpreter: String? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let venv = packageRoot.appendingPathComponent(".venv-gym/bin/python").path
        let candidates = [ProcessInfo.processInfo.environment["TRPO_PYTHON"], venv, "/usr/bin/env"].compactMap { $0 }
        for candidate in candidates where !candidate.isEmpty {
            let arguments = candidate == "/usr/bin/env" ? ["python3"] : []
            if imports(candidate, arguments: arguments) { return candidate == "/usr/bin/env" ? "python3" : candidate }
        }
        return nil
    }()

    /// Whether an interpreter with gymnasium was found.
    public static var isAvailable: Bool { interpreter != nil }
    /// Why the bridge tests are skipped when it was not.
    public static let skipReason = "no Python with gymnasium (set TRPO_PYTHON or make .venv-gym, see README)"

    private static func imports(_ executable: String, arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["-c", "import gymnasium, numpy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
