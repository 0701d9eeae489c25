import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
