/// The action distribution a policy network parameterises.
public enum PolicyHead: Sendable, Hashable, Codable {
    /// Categorical over `actionCount` actions, from logits (network outputs).
    case categorical(actionCount: Int)
    /// Diagonal Gaussian over `dimension` reals: the network outputs the mean μ; log σ is a
    /// state-independent parameter vector at the end of θ (as SB3's and the paper's).
    case diagonalGaussian(dimension: Int)

    /// The network's output width per state (logits or μ).
    public var outputWidth: Int {
        switch self {
        case .categorical(let count): return count
        case .diagonalGaussian(let dimension): return dimension
        }
    }

    /// The width of one stored action (1 for a categorical index, stored as a Float).
    public var actionWidth: Int {
        switch self {
        case .categorical: return 1
        case .diagonalGaussian(let dimension): return dimension
        }
    }

    /// Parameters outside the network: the log σ vector of a Gaussian.
    public var extraParameterCount: Int {
        switch self {
        case .categorical: return 0
        case .diagonalGaussian(let dimension): return dimension
        }
    }
}
