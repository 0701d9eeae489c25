/// A run directory or run file that must not be used as it is; every case names the file or directory.
public enum RunIntegrityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A floating-point tensor holds NaN or ±∞ (first offending element given).
    case nonFiniteTensor(path: String, tensor: String, index: Int, value: Double)
    /// A file written in another version of a format than this build reads.
    case unsupportedFormat(path: String, found: String, supported: String)
    /// Another process holds the run directory's lock.
    case directoryLocked(path: String, holder: Int32?)

    /// A one-line explanation naming the file, tensor or process.
    public var description: String {
        switch self {
        case let .nonFiniteTensor(path, tensor, index, value):
            return "\(path): tensor \"\(tensor)\" holds a non-finite value (\(value) at element \(index)); "
                + "refusing to use it"
        case let .unsupportedFormat(path, found, supported):
            let age = FormatVersion.compare(found, supported).map { $0 < 0 ? "an older" : "a newer" } ?? "another"
            return "\(path): written in \(age) format (\(found)) than this trpo reads (\(supported)); "
                + "use the trpo version that wrote it"
        case let .directoryLocked(path, holder):
            let who = holder.map { "process \($0)" } ?? "another process"
            return "\(path) is in use by \(who) (another `trpo train` on the same run directory); "
                + "wait for it to finish or stop it first"
        }
    }
}

/// Versioned format names of the form `NAME-N` (`trustregion-checkpoint-2`).
enum FormatVersion {
    /// The version number ending `format`, if it has one.
    static func number(_ format: String) -> (name: Substring, version: Int)? {
        guard let dash = format.lastIndex(of: "-"), let version = Int(format[format.index(after: dash)...]) else {
            return nil
        }
        return (format[..<dash], version)
    }

    /// found − supported when both are versions of the same format name, else `nil`.
    static func compare(_ found: String, _ supported: String) -> Int? {
        guard let a = number(found), let b = number(supported), a.name == b.name else { return nil }
        return a.version - b.version
    }
}
