/// A problem with a progress.csv file or with a row given to ``ProgressLog``; every case names the file.
public enum ProgressLogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A column name is empty or contains a comma, quote or line break, which the CSV would not survive.
    case invalidColumnName(String)
    /// The same column is given twice.
    case duplicateColumn(String)
    /// A row names a column the log was not created with.
    case unknownColumn(String, path: String)
    /// A row has a different number of cells than there are columns (`row` counts data rows from 1).
    case wrongCellCount(row: Int, expected: Int, found: Int, path: String)
    /// A cell is neither empty nor a number (`row` counts data rows from 1).
    case invalidNumber(row: Int, column: String, text: String, path: String)
    /// The file has no complete header line.
    case missingHeader(path: String)
    /// A requested column is not in the file.
    case missingColumn(String, path: String, available: [String])
    /// Truncation asked to keep more rows than the file holds.
    case tooFewRows(path: String, requested: Int, available: Int)
    /// A resumed log's header differs from the columns the caller expects.
    case columnsChanged(path: String, expected: [String], found: [String])

    /// A one-line explanation naming the file, row and column.
    public var description: String {
        switch self {
        case let .invalidColumnName(name):
            return "invalid column name \"\(name)\": it must be non-empty without commas, quotes or line breaks"
        case let .duplicateColumn(name):
            return "column \"\(name)\" is given twice"
        case let .unknownColumn(name, path):
            return "\(path): no column \"\(name)\" in this progress log"
        case let .wrongCellCount(row, expected, found, path):
            return "\(path): data row \(row) has \(found) cells, expected \(expected)"
        case let .invalidNumber(row, column, text, path):
            return "\(path): data row \(row), column \"\(column)\": \"\(text)\" is not a number"
        case let .missingHeader(path):
            return "\(path): no header line of column names"
        case let .missingColumn(name, path, available):
            return "\(path): no column \"\(name)\" (columns: \(available.joined(separator: ", ")))"
        case let .tooFewRows(path, requested, available):
            return "\(path): cannot keep \(requested) rows, the file has only \(available) complete rows"
        case let .columnsChanged(path, expected, found):
            return "\(path): columns \(found) differ from the expected \(expected)"
        }
    }
}
