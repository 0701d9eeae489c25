import Foundation
import Testing
@testable import RunArtifacts

@Suite struct ProgressLogTests {
    let columns = ["time/total_timesteps", "rollout/ep_rew_mean", "train/kl_divergence", "train/is_line_search_success"]

    @Test func numbersRoundTripExactly() throws {
        let values: [Double] = [
            0, 2048, -3, 0.1, 1.0 / 3, 1e-5, -2.5e-300, 1e300, 1e16, 123456.789, .pi, .infinity, -.infinity,
            -0.0, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 9_007_199_254_740_993,
        ]
        for value in values {
            let text = ProgressLog.format(value)
            let parsed = try #require(ProgressLog.parseCell(Substring(text)) ?? nil, "\(value) → \(text)")
            #expect(parsed.bitPattern == value.bitPattern, "\(value) → \(text) → \(parsed)")
        }
        #expect(ProgressLog.format(2048) == "2048")
        #expect(ProgressLog.format(0.1) == "0.1")
        #expect(ProgressLog.format(1e-5) == "1e-05")
        #expect(ProgressLog.format(.nan) == "nan")
        #expect(ProgressLog.format(nil) == "")
        #expect(ProgressLog.format(-0.0) == "-0.0")
    }

    @Test func writesHeaderAndRowsAndReadsThemBack() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let url = directory.file("progress.csv")
        let log = try ProgressLog(creating: url, columns: columns)
        try log.append(["time/total_timesteps": 2048, "rollout/ep_rew_mean": .nan, "train/is_line_search_success": 1])
        try log.append(row: [4096, 21.5, 0.0093, 0])
        #expect(log.rowCount == 2)
        // Each row is on disk as soon as it is appended, before the log is closed.
        let text = String(decoding: try AtomicFile.read(from: url), as: UTF8.self)
        #expect(text == columns.joined(separator: ",") + "\n2048,nan,,1\n4096,21.5,0.0093,0\n")
        log.close()

        let table = try ProgressTable(contentsOf: url)
        #expect(table.columns == columns)
        #expect(table.rows.count == 2)
        #expect(try table.values(of: "time/total_timesteps") == [2048, 4096])
        #expect(try table.values(of: "train/kl_divergence") == [nil, 0.0093])
        #expect(try table.values(of: "rollout/ep_rew_mean")[0]?.isNaN == true)
        #expect(throws: ProgressLogError.missingColumn("nope", path: url.path, available: columns)) {
            try table.values(of: "nope")
        }
    }

    @Test func rejectsBadColumnsAndRows() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let url = directory.file("progress.csv")
        #expect(throws: ProgressLogError.invalidColumnName("a,b")) { try ProgressLog(creating: url, columns: ["a,b"]) }
        #expect(throws: ProgressLogError.invalidColumnName("")) { try ProgressLog(creating: url, columns: [""]) }
        #expect(throws: ProgressLogError.duplicateColumn("a")) { try ProgressLog(creating: url, columns: ["a", "b", "a"]) }
        let log = try ProgressLog(creating: url, columns: ["a", "b"])
        #expect(throws: ProgressLogError.unknownColumn("c", path: url.path)) { try log.append(["c": 1]) }
        #expect(throws: ProgressLogError.wrongCellCount(row: 1, expected: 2, found: 3, path: url.path)) {
            try log.append(row: [1, 2, 3])
        }
        #expect(log.rowCount == 0)
        log.close()
        #expect(throws: FileOperationError.self) { try log.append(row: [1, 2]) }
    }

    @Test func truncationKeepsLeadingRowsByteForByteAndDropsAnUnfinishedLine() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let url = directory.file("progress.csv")
        let log = try ProgressLog(creating: url, columns: columns)
        for iteration in 1...5 { try log.append(row: [Double(iteration * 2048), Double(iteration) / 3, nil, 1]) }
        log.close()
        let complete = String(decoding: try AtomicFile.read(from: url), as: UTF8.self)
        // A kill in the middle of writing row 6:
        try AtomicFile.write(complete + "12288,0.33", to: url)
        #expect(try ProgressTable(contentsOf: url).unfinishedLine == "12288,0.33")
        #expect(try ProgressTable(contentsOf: url).rows.count == 5)

        let resumed = try ProgressLog(resuming: url, keepingRows: 3, columns: columns)
        #expect(resumed.rowCount == 3)
        let kept = complete.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n"
        #expect(String(decoding: try AtomicFile.read(from: url), as: UTF8.self) == kept)
        try resumed.append(row: [8192, 7, nil, 0])
        resumed.close()
        let table = try ProgressTable(contentsOf: url)
        #expect(try table.values(of: "time/total_timesteps") == [2048, 4096, 6144, 8192])
        #expect(table.unfinishedLine == nil)
        #expect(try directory.entries() == ["progress.csv"])

        #expect(throws: ProgressLogError.tooFewRows(path: url.path, requested: 9, available: 4)) {
            try ProgressLog(resuming: url, keepingRows: 9)
        }
        #expect(throws: ProgressLogError.columnsChanged(path: url.path, expected: ["x"], found: columns)) {
            try ProgressLog(resuming: url, keepingRows: 1, columns: ["x"])
        }
        try ProgressLog.truncate(url, toRowCount: 0)
        #expect(try ProgressTable(contentsOf: url).rows.isEmpty)
    }

    @Test func readsStableBaselinesStyleCSVAndReportsBadCells() throws {
        let sb3 = "rollout/ep_len_mean,rollout/ep_rew_mean,time/total_timesteps\r\n,,2048\r\n22.5,22.5,4096\r\n"
        let table = try ProgressTable(text: sb3)
        #expect(try table.points(x: "time/total_timesteps", y: "rollout/ep_rew_mean") == [ChartPoint(x: 4096, y: 22.5)])
        #expect(throws: ProgressLogError.invalidNumber(row: 2, column: "b", text: "x1", path: "run/progress.csv")) {
            try ProgressTable(text: "a,b\n1,2\n3,x1\n", path: "run/progress.csv")
        }
        #expect(throws: ProgressLogError.wrongCellCount(row: 1, expected: 2, found: 1, path: "progress.csv")) {
            try ProgressTable(text: "a,b\n1\n")
        }
        #expect(throws: ProgressLogError.missingHeader(path: "progress.csv")) { try ProgressTable(text: "") }
        #expect(throws: ProgressLogError.missingHeader(path: "progress.csv")) { try ProgressTable(text: "a,b") }
    }
}
