#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed file-system call, naming the file, the step that failed and the operating system's reason.
///
/// Thrown by ``AtomicFile`` and ``ProgressLog``; `description` reads like
/// `cannot rename "/run/.checkpoint.tmp-1" to "/run/checkpoint.safetensors": No space left on device (errno 28)`.
public struct FileOperationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The step of a file operation that failed.
    public enum Operation: String, Sendable {
        /// Creating or opening a file.
        case open = "open"
        /// Writing bytes.
        case write = "write"
        /// Reading bytes.
        case read = "read"
        /// Flushing a file to the storage device (`fsync`).
        case synchronize = "synchronize"
        /// Renaming the temporary file over the target.
        case rename = "rename"
        /// Flushing the directory entry to the storage device.
        case synchronizeDirectory = "synchronize the directory of"
        /// Shortening a file.
        case truncate = "truncate"
    }

    /// The step that failed.
    public let operation: Operation
    /// The file (or directory) the step acted on.
    public let path: String
    /// For `rename`, the destination path; otherwise `nil`.
    public let destination: String?
    /// The `errno` value the operating system reported.
    public let code: Int32

    /// Creates an error for `operation` on `path` with the operating system's `errno` `code`.
    public init(_ operation: Operation, path: String, destination: String? = nil, code: Int32) {
        self.operation = operation
        self.path = path
        self.destination = destination
        self.code = code
    }

    /// The operating system's message for `code`, e.g. "Permission denied".
    public var reason: String { String(cString: strerror(code)) }

    /// A one-line message naming the operation, the path(s) and the reason.
    public var description: String {
        let target = destination.map { "\"\(path)\" to \"\($0)\"" } ?? "\"\(path)\""
        return "cannot \(operation.rawValue) \(target): \(reason) (errno \(code))"
    }
}
