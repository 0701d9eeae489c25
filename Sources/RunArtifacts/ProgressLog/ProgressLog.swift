import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer of a run's progress.csv: a header of column names, then one row per iteration.
///
/// Each row is handed to the operating system with a single `write` as soon as it is appended, so a
/// killed process loses at most the row it was writing, and a row is complete exactly when its line
/// break is on disk (``ProgressTable`` ignores an unfinished last line). Numbers are written so that
/// they read back bit for bit (see ``format(_:)``).
///
/// ```swift
/// let log = try ProgressLog(creating: runDirectory.appendingPathComponent("progress.csv"),
///                           columns: ["time/total_timesteps", "rollout/ep_rew_mean"])
/// try log.append(["time/total_timesteps": 2048, "rollout/ep_rew_mean": 21.5])
/// // After a kill, continue from a checkpoint taken after 7 iterations:
/// let resumed = try ProgressLog(resuming: url, keepingRows: 7)
/// ```
public final class ProgressLog {
    /// The file being written.
    public let url: URL
    /// The column names, in file order.
    public let columns: [String]
    /// The number of data rows in the file.
    public private(set) var rowCount: Int
    private let columnIndex: [String: Int]
    private var descriptor: Int32

    /// Creates (or atomically replaces) the file with a header of `columns`, ready for rows.
    ///
    /// - Throws: ``ProgressLogError`` for an invalid or repeated column name, ``FileOperationError``
    ///   if the file cannot be written.
    public convenience init(creating url: URL, columns: [String]) throws {
        try Self.validate(columns)
        try AtomicFile.write(columns.joined(separator: ",") + "\n", to: url)
        try self.init(appendingTo: url, columns: columns, rowCount: 0)
    }

    /// Opens an existing log for appending after atomically cutting it to its first `keepingRows` rows.
    ///
    /// This is how a resumed run drops the rows written after its last checkpoint. When `columns` is
    /// given, the file's header must equal it.
    ///
    /// - Throws: ``ProgressLogError/tooFewRows(path:requested:available:)`` if the file has fewer
    ///   complete rows, ``ProgressLogError/columnsChanged(path:expected:found:)`` on a header mismatch.
    public convenience init(resuming url: URL, keepingRows: Int, columns expected: [String]? = nil) throws {
        let table = try ProgressLog.truncate(url, toRowCount: keepingRows)
        if let expected, expected != table.columns {
            throw ProgressLogError.columnsChanged(path: url.path, expected: expected, found: table.columns)
        }
        try self.init(appendingTo: url, columns: table.columns, rowCount: keepingRows)
    }

    private init(appendingTo url: URL, columns: [String], rowCount: Int) throws {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOperationError(.open, path: url.path, code: errno) }
        self.url = url
        self.columns = columns
        self.rowCount = rowCount
        self.descriptor = descriptor
        columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    }

    deinit { close() }

    /// Closes the file; later appends throw. Closing twice is harmless.
    public func close() {
        if descriptor >= 0 { systemClose(descriptor) }
        descriptor = -1
    }

    /// Appends a row given by column name; columns not named get an empty cell.
    ///
    /// - Throws: ``ProgressLogError/unknownColumn(_:path:)`` for a name not among `columns`.
    public func append(_ values: [String: Double]) throws {
        var row = [Double?](repeating: nil, count: columns.count)
        for (name, value) in values {
            guard let index = columnIndex[name] else { throw ProgressLogError.unknownColumn(name, path: url.path) }
            row[index] = value
        }
        try append(row: row)
    }

    /// Appends a row of cells in column order; `nil` is an empty cell.
    ///
    /// - Throws: ``ProgressLogError/wrongCellCount(row:expected:found:path:)`` unless there is one
    ///   cell per column.
    public func append(row: [Double?]) throws {
        guard row.count == columns.count else {
            throw ProgressLogError.wrongCellCount(row: rowCount + 1, expected: columns.count, found: row.count, path: url.path)
        }
        guard descriptor >= 0 else { throw FileOperationError(.write, path: url.path, code: EBADF) }
        let line = row.map(Self.format).joined(separator: ",") + "\n"
        try AtomicFile.writeAll(Data(line.utf8), to: descriptor, path: url.path)
        rowCount += 1
    }

    /// Checks that column names are unique and survive CSV without quoting.
    static func validate(_ columns: [String]) throws {
        var seen = Set<String>()
        for name in columns {
            guard !name.isEmpty, !name.contains(where: { ",\"\n\r".contains($0) }) else {
                throw ProgressLogError.invalidColumnName(name)
            }
            guard seen.insert(name).inserted else { throw ProgressLogError.duplicateColumn(name) }
        }
    }
}
