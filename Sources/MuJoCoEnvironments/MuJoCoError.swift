/// What can go wrong when building or driving a MuJoCo environment.
public enum MuJoCoError: Error, Equatable, CustomStringConvertible {
    /// The package was built without the `MuJoCo` trait, so no engine is linked.
    case engineUnavailable
    /// No MuJoCo environment has this Gymnasium id.
    case unknownEnvironment(id: String, known: [String])
    /// The MJCF file of a model is missing from the package resources.
    case missingModel(name: String)
    /// MuJoCo's XML compiler rejected a model file.
    case modelCompilation(path: String, message: String)
    /// The model lacks a body or site the environment reads.
    case missingElement(kind: String, name: String, model: String)
    /// An action of the wrong kind or width.
    case invalidAction(environment: String, expected: String, got: String)
    /// A state vector of the wrong width.
    case invalidState(quantity: String, expected: Int, got: Int)
    /// A snapshot that was not taken from an environment of this kind.
    case invalidSnapshot(environment: String, reason: String)

    /// A sentence naming the bad input and, where there is one, the fix.
    public var description: String {
        switch self {
        case .engineUnavailable:
            return "MuJoCo is not linked: run scripts/install-mujoco.sh and build with --traits MuJoCo"
        case .unknownEnvironment(let id, let known):
            return "unknown MuJoCo environment '\(id)'; known: \(known.joined(separator: ", "))"
        case .missingModel(let name):
            return "model file '\(name).xml' is not among the MuJoCoEnvironments resources"
        case .modelCompilation(let path, let message):
            return "MuJoCo could not compile \(path): \(message)"
        case .missingElement(let kind, let name, let model):
            return "model '\(model)' has no \(kind) named '\(name)'"
        case .invalidAction(let environment, let expected, let got):
            return "\(environment) expects \(expected), got \(got)"
        case .invalidState(let quantity, let expected, let got):
            return "\(quantity) must have \(expected) entries, got \(got)"
        case .invalidSnapshot(let environment, let reason):
            return "snapshot cannot be restored into \(environment): \(reason)"
        }
    }
}
