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
        /// Opening a file.
        case open = "open"
        /// Creating the temporary file of an atomic write (the path is the target's).
        case createTemporary = "create a temporary file for"
        /// Writing bytes.
        case write = "write"
        /// Reading bytes.
        case read = "read"
        /// Flushing a file to the storage device (`fsync`).
        case synchronize = "flush to disk"
        /// Renaming the temporary file over the target.
        case rename = "rename"
        /// Flushing the directory entry to the storage device.
        case synchronizeDirectory = "synchronize the directory of"
        /// Shortening a file.
        case truncate = "truncate"
        /// Taking a file lock (`flock`).
        case lock = "lock"
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

// MARK: - System calls

// Module-qualified wrappers, because inside types that have their own `write` methods an unqualified
// call would resolve to the method rather than to the C function.

/// Calls the C library's `write(2)`.
@inline(__always)
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}

/// Calls the C library's `close(2)`, ignoring the result where the caller has already failed.
@inline(__always)
@discardableResult
func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(descriptor)
    #elseif canImport(Musl)
    return Musl.close(descriptor)
    #else
    return Darwin.close(descriptor)
    #endif
}

/// Calls the C library's `read(2)`.
@inline(__always)
func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.read(descriptor, bytes, count)
    #else
    return Darwin.read(descriptor, bytes, count)
    #endif
}
