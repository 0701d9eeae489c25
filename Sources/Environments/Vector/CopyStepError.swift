/// A copy of a vector environment failed in `step`: it threw, or returned a NaN or infinite
/// observation or reward. Names the environment, the copy and the step within its episode.
public struct CopyStepError: Error, Sendable, CustomStringConvertible {
    /// The vector environment's name (the registry id when built from one).
    public let environment: String
    /// The index of the failing copy.
    public let copy: Int
    /// The 1-based step of the copy's current episode that failed.
    public let episodeStep: Int
    /// The underlying error's message (e.g. an ``EnvironmentError``'s description).
    public let reason: String
    /// The underlying error.
    public let underlying: any Error

    /// A failure of copy `copy` of `environment` at step `episodeStep` of its episode.
    public init(environment: String, copy: Int, episodeStep: Int, underlying: any Error) {
        self.environment = environment
        self.copy = copy
        self.episodeStep = episodeStep
        self.underlying = underlying
        reason = "\(underlying)"
    }

    /// "ENV copy C failed at step S of its episode: reason".
    public var description: String {
        "\(environment) copy \(copy) failed at step \(episodeStep) of its episode: \(reason)"
    }
}

extension EnvironmentError {
    /// Whether the error is about the action given (the caller's fault), not the environment's.
    var isBadAction: Bool {
        switch self {
        case .actionKindMismatch, .actionCountMismatch, .discreteActionOutOfRange, .nonFiniteAction: return true
        default: return false
        }
    }
}
