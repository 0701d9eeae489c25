import Foundation

/// A dictionary behind a lock, for process-wide tables that may be extended at run time
/// (network and distribution kinds, registries).
public final class LockedDictionary<Key: Hashable, Value>: @unchecked Sendable {
    private var storage: [Key: Value]
    private let lock = NSLock()

    /// A table with `initial` entries.
    public init(_ initial: [Key: Value]) { storage = initial }

    /// Runs `body` on the table while holding the lock.
    public func withLock<Result>(_ body: (inout [Key: Value]) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&storage)
    }
}
