import Foundation

/// A failure reply of the worker: `{"kind", "message", "traceback"}`.
struct WorkerFailure: Decodable {
    var kind: String
    var message: String
    var traceback: String

    /// The reply decoded; an undecodable one keeps its raw text as the message.
    init(payload: [UInt8]) {
        if let decoded = try? JSONDecoder().decode(WorkerFailure.self, from: Data(payload)) {
            self = decoded
        } else {
            kind = "exception"
            message = String(decoding: payload, as: UTF8.self)
            traceback = ""
        }
    }

    /// The typed error for this failure of `operation` on `target` (run by `interpreter`).
    func error(target: String, interpreter: String, operation: String) -> BridgeError {
        switch kind {
        case "gymnasium_missing": return .gymnasiumMissing(interpreter: interpreter, reason: message)
        case "unknown_id": return .unknownEnvironment(target: target, reason: message)
        case "module_not_found": return .moduleNotFound(target: target, reason: message)
        default: return .pythonException(target: target, operation: operation, message: message, traceback: traceback)
        }
    }
}
