import Foundation

/// The contents of a progress.csv: column names and rows of optional numbers.
///
/// Reads logs written by ``ProgressLog`` and also Stable-Baselines3's progress.csv (same idea:
/// numbers or empty cells). An unfinished last line (no line break, e.g. from a killed writer) is not
/// a row; it is kept in `unfinishedLine` only.
public struct ProgressTable: Equatable, Sendable {
    /// The column names, in file order.
    public let columns: [String]
    /// The data rows; `nil` is an empty cell.
    public let rows: [[Double?]]
    /// The text after the last line break, if the file does not end with one.
    public let unfinishedLine: String?
    /// Where the table was read from (for error messages).
    public let path: String
    /// The exact text of each complete line (header first), so truncation keeps rows byte for byte.
    let lines: [Substring]

    /// Reads and parses the file at `url`.
    ///
    /// - Throws: ``FileOperationError`` if unreadable, ``ProgressLogError`` if malformed.
    public init(contentsOf url: URL) throws {
        try self.init(text: String(decoding: AtomicFile.read(from: url), as: UTF8.self), path: url.path)
    }

    /// Parses CSV text; `path` only names the source in error messages.
    public init(text: String, path: String = "progress.csv") throws {
        // "\r\n" is one Character in Swift, so Windows line ends are normalised before splitting.
        let normalized = text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        // The piece after the last "\n" is either empty (a proper ending) or an unfinished line.
        let tail = lines.removeLast()
        unfinishedLine = tail.isEmpty ? nil : String(tail)
        guard let headerLine = lines.first, !headerLine.isEmpty else { throw ProgressLogError.missingHeader(path: path) }
        let columns = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace()) }

        var rows: [[Double?]] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            let rowNumber = offset + 1
            guard cells.count == columns.count else {
                throw ProgressLogError.wrongCellCount(row: rowNumber, expected: columns.count, found: cells.count, path: path)
            }
            rows.append(try zip(cells, columns).map { cell, column in
                guard let value = ProgressLog.parseCell(cell) else {
                    throw ProgressLogError.invalidNumber(row: rowNumber, column: column, text: String(cell), path: path)
                }
                return value
            })
        }
        self.columns = columns
        self.rows = rows
        self.lines = lines
        self.path = path
    }

    /// The cells of column `name`, one per row.
    ///
    /// - Throws: ``ProgressLogError/missingColumn(_:path:available:)`` listing the columns present.
    public func values(of name: String) throws -> [Double?] {
        guard let index = columns.firstIndex(of: name) else {
            throw ProgressLogError.missingColumn(name, path: path, available: columns)
        }
        return rows.map { $0[index] }
    }
}

// MARK: - Truncation

extension ProgressLog {
    /// Atomically cuts the file at `url` to its header and first `rowCount` data rows (kept byte for
    /// byte), dropping later rows and any unfinished line; returns the table as it was before.
    ///
    /// - Throws: ``ProgressLogError/tooFewRows(path:requested:available:)`` if fewer rows exist.
    @discardableResult
    public static func truncate(_ url: URL, toRowCount rowCount: Int) throws -> ProgressTable {
        let table = try ProgressTable(contentsOf: url)
        guard rowCount >= 0, rowCount <= table.rows.count else {
            throw ProgressLogError.tooFewRows(path: url.path, requested: rowCount, available: table.rows.count)
        }
        let kept = table.lines.prefix(rowCount + 1).joined(separator: "\n") + "\n"
        try AtomicFile.write(kept, to: url)
        return table
    }
}
