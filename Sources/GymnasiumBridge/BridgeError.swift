/// What can go wrong with an environment run through Python (`--env gym:...`), with a message that
/// says what to do.
public enum BridgeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The interpreter could not be started (not installed, or not on the `PATH`).
    case pythonNotFound(interpreter: String, reason: String)
    /// The interpreter runs but cannot import `gymnasium` (or NumPy).
    case gymnasiumMissing(interpreter: String, reason: String)
    /// Gymnasium knows no environment by this id.
    case unknownEnvironment(target: String, reason: String)
    /// The module of `gym:module:Class` could not be imported.
    case moduleNotFound(target: String, reason: String)
    /// A space kind that TrustRegion's policies do not take.
    case unsupportedSpace(target: String, role: String, kind: String, description: String)
    /// A Python exception inside the environment, with its traceback.
    case pythonException(target: String, operation: String, message: String, traceback: String)
    /// The worker process ended (killed, crashed, or exited) while a reply was awaited.
    case workerEnded(target: String, pid: Int32, how: String)
    /// The worker's reply broke the protocol (wrong size or opcode).
    case protocolViolation(target: String, reason: String)
    /// The bridge script shipped with the package was not found beside the executable.
    case scriptMissing(searched: [String])
    /// A checkpoint of this environment cannot be restored.
    case notResumable(target: String, reason: String)

    /// A readable message naming the cause and the remedy.
    public var description: String {
        switch self {
        case .pythonNotFound(let interpreter, let reason):
            return "cannot start the Python interpreter \"\(interpreter)\" (\(reason)); install Python 3 with "
                + "`pip install gymnasium`, or name an interpreter with --python PATH or TRPO_PYTHON"
        case .gymnasiumMissing(let interpreter, let reason):
            return "the Python interpreter \"\(interpreter)\" cannot import gymnasium (\(reason)); run "
                + "`\(interpreter) -m pip install gymnasium`, or name another interpreter with --python PATH or TRPO_PYTHON"
        case .unknownEnvironment(let target, let reason):
            return "Gymnasium has no environment \"\(target)\": \(reason)"
        case .moduleNotFound(let target, let reason):
            return "cannot import the module of \"gym:\(target)\": \(reason) (the module must be importable from "
                + "the current directory or PYTHONPATH)"
        case .unsupportedSpace(let target, let role, let kind, let description):
            let advice = "TrustRegion's policies take Box, Discrete, MultiDiscrete and MultiBinary spaces; flatten it "
                + "first, e.g. with gymnasium.wrappers.FlattenObservation"
            return "gym:\(target) has a \(kind) \(role) space \(description), which is not supported: \(advice)"
        case .pythonException(let target, let operation, let message, let traceback):
            let trace = traceback.isEmpty ? "" : "\nPython traceback:\n\(traceback)"
            return "gym:\(target) raised an exception in \(operation): \(message)\(trace)"
        case .workerEnded(let target, let pid, let how):
            return "the Python worker of gym:\(target) (pid \(pid)) \(how)"
        case .protocolViolation(let target, let reason):
            return "the Python worker of gym:\(target) broke the bridge protocol: \(reason)"
        case .scriptMissing(let searched):
            return "the Gymnasium bridge script is missing; looked in: \(searched.joined(separator: ", "))"
        case .notResumable(let target, let reason):
            return "the checkpoint of gym:\(target) cannot be restored: \(reason)"
        }
    }
}
