import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `trpo` process running in the background (to signal it mid-run), its stderr kept in a file.
final class BackgroundTrpo {
    let process = Process()
    let errorsURL: URL

    /// Starts `trpo arguments…`.
    init(_ arguments: [String]) throws {
        errorsURL = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
        process.executableURL = trpoExecutable()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorsURL)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: errorsURL)
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// What the process wrote on stderr so far.
    var errors: String { (try? String(contentsOf: errorsURL, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end; its exit status (or the number of the signal that killed it).
    func wait() -> (status: Int32, killedBySignal: Bool) {
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }
}

/// The complete data rows of a progress.csv (0 if it does not exist yet).
func progressRowCount(_ directory: String) -> Int {
    guard let text = try? String(contentsOfFile: "\(directory)/progress.csv", encoding: .utf8) else { return 0 }
    return max(text.split(separator: "\n", omittingEmptySubsequences: false).count - 2, 0)
}

/// Waits (up to `seconds`) until the run in `directory` has written `rows` progress rows.
func waitForRows(_ directory: String, _ rows: Int, process: BackgroundTrpo, seconds: Double = 300) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if progressRowCount(directory) >= rows { return true }
        if !process.process.isRunning { return false }
        usleep(20_000)
    }
    return false
}

/// progress.csv's rows without the wall-clock columns, as text.
func reproducibleRows(_ directory: String) throws -> [[Substring]] {
    let lines = try String(contentsOfFile: "\(directory)/progress.csv", encoding: .utf8).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    let keep = header.indices.filter { !["time/fps", "time/elapsed_s"].contains(header[$0]) }
    return lines.map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        return keep.map { cells[$0] }
    }
}
