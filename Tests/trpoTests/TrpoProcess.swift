import Foundation

/// The built `trpo` executable, which SwiftPM puts next to the test bundle in the products directory.
func trpoExecutable() -> URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    // On Linux the test runner is `<products>/TrustRegionPackageTests.xctest`; on macOS it sits inside the bundle.
    while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("trpo").path),
        directory.pathComponents.count > 1
    {
        directory = directory.deletingLastPathComponent()
    }
    return directory.appendingPathComponent("trpo")
}

/// Runs the built `trpo` executable (in `workingDirectory` if given) and returns its exit status and output.
func runTrpo(_ arguments: [String], in workingDirectory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = trpoExecutable()
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
