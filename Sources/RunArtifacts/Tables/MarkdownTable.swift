import Foundation

/// A GitHub-flavoured Markdown table, for summaries such as a comparison's summary.md.
///
/// Columns are padded to a common width so the source reads as a table too; `|` in cells is escaped
/// and line breaks become spaces, so any text is safe.
///
/// ```swift
/// var table = MarkdownTable(columns: ["algorithm", "final return"], alignments: [.left, .right])
/// table.append(["trpo", "500.0 ± 0.0"])
/// try AtomicFile.write(table.rendered(), to: directory.appendingPathComponent("summary.md"))
/// ```
public struct MarkdownTable: Equatable, Sendable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable {
        /// Flush left (`:---`), for names.
        case left
        /// Flush right (`---:`), for numbers.
        case right
        /// Centred (`:---:`).
        case center
    }

    /// The header cells.
    public let columns: [String]
    /// One alignment per column.
    public let alignments: [Alignment]
    /// The body rows, each with one cell per column.
    public private(set) var rows: [[String]] = []

    /// A table with the given header; `alignments` defaults to left for every column and is padded
    /// with `.left` (or cut) to the number of columns.
    public init(columns: [String], alignments: [Alignment] = []) {
        self.columns = columns
        self.alignments = (alignments + Array(repeating: .left, count: columns.count)).prefix(columns.count).map { $0 }
    }

    /// Appends a row; missing cells are left empty and extra cells are dropped.
    public mutating func append(_ cells: [String]) {
        rows.append((cells + Array(repeating: "", count: columns.count)).prefix(columns.count).map { $0 })
    }

    /// The Markdown text, ending with a line break.
    public func rendered() -> String {
        let header = columns.map(Self.escape)
        let body = rows.map { $0.map(Self.escape) }
        let widths = columns.indices.map { column in
            max(3, ([header[column]] + body.map { $0[column] }).map(\.count).max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return alignments[column] == .right ? padding + cell : cell + padding
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = widths.enumerated().map { column, width -> String in
            switch alignments[column] {
            case .left: ":" + String(repeating: "-", count: width - 1)
            case .right: String(repeating: "-", count: width - 1) + ":"
            case .center: ":" + String(repeating: "-", count: width - 2) + ":"
            }
        }
        let lines = [line(header), "| " + rule.joined(separator: " | ") + " |"] + body.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell's text with pipes escaped and line breaks flattened.
    static func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
