import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a run directory, held while one `trpo train` writes to it.
///
/// The lock is `flock(2)` on the file `.trpo.lock` in the directory, which also holds the owner's
/// process id for the message of a refused second writer. The kernel drops the lock when its
/// holder exits, however it exits (kill -9 included), so a stale lock file never blocks a resume:
/// only a living holder does.
public final class RunDirectoryLock {
    /// The lock file's name inside the run directory.
    public static let fileName = ".trpo.lock"
    /// The lock file.
    public let url: URL
    private var descriptor: Int32

    /// Takes the lock of `directory` (which must exist), or throws
    /// ``RunIntegrityError/directoryLocked(path:holder:)`` naming the process that holds it.
    public init(directory: URL) throws {
        url = directory.appendingPathComponent(Self.fileName)
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileOperationError(.open, path: url.path, code: errno) }
        var ownHolderRetries = 100
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = code == EWOULDBLOCK ? Self.holder(of: url) : nil
            // A lock this process has just released can stay held for a moment by a child that
            // another thread forked before its exec closed the inherited descriptor: wait that out
            // (up to a second) rather than refuse ourselves.
            if holder == getpid() && ownHolderRetries > 0 {
                ownHolderRetries -= 1
                usleep(10_000)
                continue
            }
            systemClose(descriptor)
            if code == EWOULDBLOCK { throw RunIntegrityError.directoryLocked(path: directory.path, holder: holder) }
            throw FileOperationError(.lock, path: url.path, code: code)
        }
        // Record our pid for the message a second writer gets (the lock, not the text, is what counts).
        let text = "\(getpid())\n"
        guard ftruncate(descriptor, 0) == 0 else {
            let code = errno
            release()
            throw FileOperationError(.truncate, path: url.path, code: code)
        }
        do {
            try AtomicFile.writeAll(Data(text.utf8), to: descriptor, path: url.path)
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// Gives the lock up (closing the descriptor releases it); releasing twice is harmless.
    public func release() {
        if descriptor >= 0 { systemClose(descriptor) }
        descriptor = -1
    }

    /// The process id recorded in a lock file, if it holds one.
    static func holder(of url: URL) -> Int32? {
        guard let data = try? AtomicFile.read(from: url) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
