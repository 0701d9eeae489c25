import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One Python worker process and the socket to it: frames out, frames back.
///
/// The worker's stdin is one end of a Unix socket pair; `trpo` keeps the other end (close-on-exec,
/// so other workers do not inherit it). When `trpo` ends in any way the kernel closes its end, the
/// worker reads end-of-input and exits, so no worker outlives the process that started it.
final class WorkerProcess {
    /// The process id of the worker.
    let pid: pid_t
    /// What the worker runs, for messages (`CartPole-v1`, `module:Class`).
    let target: String
    /// The interpreter that runs the worker.
    let interpreter: String
    private var socket: Int32
    private var hasEnded = false

    /// Starts `interpreter script` (the interpreter looked up on `PATH` unless it contains a slash).
    init(interpreter: String, script: String, target: String) throws {
        self.target = target
        self.interpreter = interpreter
        var ends: [Int32] = [-1, -1]
        let kind = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, kind, 0, &ends) == 0 else {
            throw BridgeError.pythonNotFound(interpreter: interpreter, reason: String(cString: strerror(errno)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 0)
        let arguments = [interpreter, "-u", script]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawnp(&child, interpreter, &actions, nil, &argv, environ)
        Glibc.close(ends[1])
        guard status == 0 else {
            Glibc.close(ends[0])
            throw BridgeError.pythonNotFound(interpreter: interpreter, reason: String(cString: strerror(status)))
        }
        pid = child
        socket = ends[0]
    }

    deinit { terminate() }

    // MARK: - Frames

    /// Sends one request frame: opcode, little-endian u32 length, payload.
    func send(_ opcode: UInt8, _ payload: [UInt8] = []) throws {
        var frame = [opcode]
        frame.reserveCapacity(5 + payload.count)
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: payload)
        var sent = 0
        while sent < frame.count {
            // MSG_NOSIGNAL: a dead worker is an error to report, not a SIGPIPE that kills trpo.
            let count = frame.withUnsafeBytes { raw in
                raw.baseAddress.map { Glibc.send(socket, $0 + sent, raw.count - sent, Int32(MSG_NOSIGNAL)) } ?? -1
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw endedError() }
            sent += count
        }
    }

    /// Receives one reply frame; a failure reply becomes the error it describes.
    func receive(operation: String) throws -> [UInt8] {
        let header = try receiveExactly(5)
        let length = Int(header[1]) | Int(header[2]) << 8 | Int(header[3]) << 16 | Int(header[4]) << 24
        let payload = try receiveExactly(length)
        switch header[0] {
        case 0: return payload
        case 1: throw WorkerFailure(payload: payload).error(target: target, interpreter: interpreter, operation: operation)
        default: throw BridgeError.protocolViolation(target: target, reason: "reply opcode \(header[0])")
        }
    }

    /// One round trip.
    func request(_ opcode: UInt8, _ payload: [UInt8] = [], operation: String) throws -> [UInt8] {
        try send(opcode, payload)
        return try receive(operation: operation)
    }

    private func receiveExactly(_ size: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: size)
        var received = 0
        while received < size {
            let count = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { recv(socket, $0 + received, size - received, 0) } ?? -1
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw endedError() }
            received += count
        }
        return buffer
    }

    // MARK: - Ending

    /// Asks the worker to close its environments and exit; kills it if it does not.
    func close() {
        guard !hasEnded else { return }
        _ = try? request(UInt8(ascii: "C"), operation: "close")
        terminate()
    }

    /// Closes the socket (the worker then exits) and reaps the worker, killing it after 2 s.
    func terminate() {
        guard !hasEnded else { return }
        hasEnded = true
        Glibc.close(socket)
        socket = -1
        if waitForExit(seconds: 2) == nil {
            kill(pid, SIGKILL)
            _ = waitForExit(seconds: 5)
        }
    }

    /// The worker's wait status once it has exited, or nil after `seconds`.
    private func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno == ECHILD) { return status }
            if Date() > deadline { return nil }
            usleep(10_000)
        }
    }

    /// The error for a worker that stopped answering, with how it ended.
    private func endedError() -> BridgeError {
        guard !hasEnded else { return .workerEnded(target: target, pid: pid, how: "was already closed") }
        hasEnded = true
        Glibc.close(socket)
        socket = -1
        let how: String
        if let status = waitForExit(seconds: 2) {
            let signal = status & 0x7f
            how = signal == 0
                ? "exited with status \((status >> 8) & 0xff) (its messages are above)"
                : "was killed by signal \(signal)\(signal == SIGKILL ? " (SIGKILL; out of memory?)" : "")"
        } else {
            kill(pid, SIGKILL)
            _ = waitForExit(seconds: 5)
            how = "closed its end of the bridge and was killed"
        }
        return .workerEnded(target: target, pid: pid, how: how)
    }
}
