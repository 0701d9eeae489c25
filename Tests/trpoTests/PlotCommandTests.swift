import Foundation
import RunArtifacts
import Testing
@testable import trpo

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct PlotCommandTests {
    /// A temporary folder with run directories `names`, each with a three-row progress.csv.
    func makeRuns(_ names: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("PlotCommandTests-\(UUID().uuidString)")
        for (index, name) in names.enumerated() {
            let directory = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let log = try ProgressLog(
                creating: directory.appendingPathComponent("progress.csv"),
                columns: ["time/total_timesteps", "rollout/ep_rew_mean"])
            for step in 1...3 { try log.append(row: [Double(step * 2048), Double(step * 10 + index)]) }
            log.close()
        }
        return root
    }

    @Test func drawsOneSeriesPerRunDirectory() throws {
        let root = try makeRuns(["trpo-seed0", "ppo-seed0"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("curves.svg")
        let command = try PlotCommand.parse([
            "--run-dir", root.appendingPathComponent("trpo-seed0").path,
            "--run-dir", root.appendingPathComponent("ppo-seed0").path + "/",
            "--out", output.path, "--title", "CartPole-v1",
        ])
        try command.run()
        let document = try XMLDocument(data: try AtomicFile.read(from: output), options: [])
        let svg = try #require(document.rootElement())
        #expect(svg.name == "svg")
        let texts = try svg.nodes(forXPath: "//*[local-name()='g'][contains(@class,'legend-entry')]").map { $0.stringValue ?? "" }
        #expect(texts == ["trpo-seed0", "ppo-seed0"])
        let paths = try svg.nodes(forXPath: "//*[local-name()='path'][@class='line']")
        #expect(paths.count == 2)
    }

    @Test func missingDirectoryOrColumnIsAnError() throws {
        let root = try makeRuns(["a"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out.svg").path
        let missing = try PlotCommand.parse(["--run-dir", root.appendingPathComponent("b").path, "--out", output])
        #expect(throws: PlotCommandError.self) { try missing.run() }
        let badColumn = try PlotCommand.parse(["--run-dir", root.appendingPathComponent("a").path, "--out", output, "--y", "nope"])
        #expect(throws: ProgressLogError.self) { try badColumn.run() }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(throws: (any Error).self) { try PlotCommand.parse(["--out", output]) }
    }

    @Test func labelsAddParentFoldersOnlyWhenNeeded() {
        let urls = ["/runs/cartpole/seed0", "/runs/pendulum/seed0", "/x/seed1"].map { URL(fileURLWithPath: $0) }
        #expect(PlotCommand.labels(for: urls) == ["cartpole/seed0", "pendulum/seed0", "x/seed1"])
        #expect(PlotCommand.labels(for: urls.suffix(1)) == ["seed1"])
    }
}
