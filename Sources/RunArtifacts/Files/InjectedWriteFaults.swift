import Synchronization

/// Write failures injected at the file layer, for tests of what a full disk or an I/O error does.
///
/// A path registered here makes every ``AtomicFile`` write and every progress-log append to that
/// exact path fail with the given `errno` (e.g. `ENOSPC`) as if `write(2)` had returned it, until
/// removed. Paths are absolute and exact, so tests running in parallel on their own directories do
/// not disturb each other; nothing is registered unless a test does so.
public enum InjectedWriteFaults {
    private static let faults = Mutex<[String: Int32]>([:])

    /// Makes writes to `path` fail with `code` (pass `nil` to let them succeed again).
    public static func set(_ code: Int32?, forPath path: String) {
        faults.withLock { $0[path] = code }
    }

    /// The error code injected for `path`, if any.
    static func code(forPath path: String) -> Int32? {
        faults.withLock { $0.isEmpty ? nil : $0[path] }
    }
}
