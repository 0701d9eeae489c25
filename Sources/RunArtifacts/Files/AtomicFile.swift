import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so that a crash or kill at any moment leaves either the old or the new content.
///
/// The bytes go to a temporary file in the target's directory (same file system, so the rename is
/// atomic), which is flushed with `fsync`, renamed over the target, and then the directory itself is
/// flushed so that the rename survives a power loss. A failed write removes its temporary file and
/// leaves the target untouched.
public enum AtomicFile {
    /// Atomically replaces (or creates) the file at `url` with `data`.
    ///
    /// - Throws: ``FileOperationError`` naming the path and the step that failed.
    public static func write(_ data: Data, to url: URL) throws {
        let targetPath = url.path
        let directoryPath = url.deletingLastPathComponent().path
        let temporaryPath = directoryPath + "/." + url.lastPathComponent + ".tmp-"
            + String(UInt64.random(in: 0...UInt64.max), radix: 36)

        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileOperationError(.createTemporary, path: targetPath, code: errno) }
        do {
            try writeAll(data, to: descriptor, path: targetPath)
            guard fsync(descriptor) == 0 else {
                throw FileOperationError(.synchronize, path: targetPath, code: errno)
            }
        } catch {
            systemClose(descriptor)
            unlink(temporaryPath)
            throw error
        }
        guard systemClose(descriptor) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw FileOperationError(.write, path: targetPath, code: code)
        }
        guard rename(temporaryPath, targetPath) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw FileOperationError(.rename, path: temporaryPath, destination: targetPath, code: code)
        }
        try synchronizeDirectory(directoryPath)
    }

    /// Atomically replaces (or creates) the file at `url` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes every byte of `data` to an open descriptor, retrying short writes and interruptions.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        if let code = InjectedWriteFaults.code(forPath: path) { throw FileOperationError(.write, path: path, code: code) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let result = systemWrite(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw FileOperationError(.write, path: path, code: errno)
                }
                written += result
            }
        }
    }

    /// Flushes a directory's entries (a rename inside it) to the storage device.
    static func synchronizeDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOperationError(.synchronizeDirectory, path: path, code: errno) }
        defer { systemClose(descriptor) }
        // Some file systems refuse fsync on directories (EINVAL); the rename is still atomic there.
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw FileOperationError(.synchronizeDirectory, path: path, code: errno)
        }
    }
}



// MARK: - Reading whole files

extension AtomicFile {
    /// Reads the whole file at `url`.
    ///
    /// Unlike `Data(contentsOf:)`, the error is a ``FileOperationError`` whose message names the path
    /// and the operating system's reason (e.g. "No such file or directory").
    public static func read(from url: URL) throws -> Data {
        let path = url.path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOperationError(.open, path: path, code: errno) }
        defer { systemClose(descriptor) }
        var contents = Data()
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress, chunkSize)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileOperationError(.read, path: path, code: errno)
            }
            if count == 0 { return contents }
            contents.append(contentsOf: chunk[0..<count])
        }
    }

    /// Whether a file or directory exists at `url`, and whether it is a directory.
    public static func existence(of url: URL) -> (exists: Bool, isDirectory: Bool) {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return (false, false) }
        return (true, (status.st_mode & S_IFMT) == S_IFDIR)
    }
}
