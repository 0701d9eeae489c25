import Foundation
import PolicyOptimization
import TrainingSettings
import Testing
@testable import RunArtifacts

/// progress.csv's `time/ranks`: the world size on every row, and runs begun before the column
/// existed resume with their own header and the same rows.
@Suite struct ProgressRanksColumnTests {
    struct Interruption: Error {}

    func specification() -> RunSpecification {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .trpo)
        configuration.stepsPerCopy = 128
        configuration.checkpointInterval = 2
        configuration.policyHiddenWidths = [16]
        configuration.valueHiddenWidths = [16]
        configuration.criticEpochs = 2
        return RunSpecification(environmentID: "CartPole-v1", seed: 3, totalTimesteps: 1536, configuration: configuration)
    }

    /// The table's rows as text, without the wall-clock columns.
    func rows(_ table: ProgressTable, without dropped: Set<String>) -> [[String]] {
        let keep = table.columns.indices.filter { !dropped.contains(table.columns[$0]) }
        return table.rows.map { row in keep.map { row[$0].map { String($0.bitPattern) } ?? "" } }
    }

    @Test func oneProcessWritesOneRank() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        try TrainingRun(starting: specification(), in: directory.file("run"), threads: 1).run()
        let table = try ProgressTable(contentsOf: TrainingRun.progressURL(directory.file("run")))
        #expect(table.columns == IterationMetrics.columns)
        let ranks = try table.values(of: "time/ranks")
        #expect(!ranks.isEmpty && ranks.allSatisfy { $0 == 1 })
    }

    /// A run whose progress.csv has the header of earlier builds (no `time/ranks`) is interrupted,
    /// resumed by this build, and ends with that header and the rows of an uninterrupted run.
    @Test func runWithTheEarlierHeaderResumesWithIt() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let whole = directory.file("whole"), old = directory.file("old")
        try TrainingRun(starting: specification(), in: whole, threads: 1).run()
        let interrupted = try TrainingRun(starting: specification(), in: old, threads: 1)
        #expect(throws: Interruption.self) {
            try interrupted.run { metrics in if metrics.iteration == 3 { throw Interruption() } }
        }
        // Rewrite the interrupted run's log as an earlier build wrote it: the same cells, no column.
        let url = TrainingRun.progressURL(old)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let ranksIndex = try #require(header.firstIndex(of: "time/ranks"))
        let rewritten = lines.map { line -> String in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells.count == header.count { cells.remove(at: ranksIndex) }
            return cells.joined(separator: ",")
        }
        try rewritten.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)

        try TrainingRun(resuming: old, threads: 1).run()
        let resumedTable = try ProgressTable(contentsOf: url)
        #expect(resumedTable.columns == IterationMetrics.columnsBeforeRanks)
        let wholeTable = try ProgressTable(contentsOf: TrainingRun.progressURL(whole))
        let clock: Set<String> = ["time/fps", "time/elapsed_s", "time/ranks"]
        #expect(rows(resumedTable, without: clock) == rows(wholeTable, without: clock))
        #expect(rows(wholeTable, without: clock).count == 6)
    }

    @Test func otherHeadersAreRefused() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let run = directory.file("run")
        let interrupted = try TrainingRun(starting: specification(), in: run, threads: 1)
        #expect(throws: Interruption.self) {
            try interrupted.run { metrics in if metrics.iteration == 3 { throw Interruption() } }
        }
        let url = TrainingRun.progressURL(run)
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "train/entropy", with: "train/entropy_renamed")
            .write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ProgressLogError.self) { try TrainingRun(resuming: run, threads: 1) }
    }
}
