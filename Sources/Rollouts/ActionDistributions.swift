import Environments
import Policies

/// The policy distribution of each action space, and the environment action of a policy sample.
///
/// This is where a new space meets a new distribution: Discrete → categorical, Box → diagonal
/// Gaussian, MultiDiscrete → a product of categoricals, MultiBinary → independent Bernoullis.
public enum ActionDistributions {
    /// The distribution a policy uses for `actionSpace`.
    public static func distribution(for actionSpace: Space) -> any PolicyDistribution {
        switch actionSpace {
        case .discrete(let count): return CategoricalDistribution(actionCount: count)
        case .box(let low, _): return DiagonalGaussianDistribution(dimension: low.count)
        case .multiDiscrete(let counts): return MultiCategoricalDistribution(actionCounts: counts)
        case .multiBinary(let count): return BernoulliDistribution(count: count)
        }
    }
}

extension Space {
    /// The environment action for a policy output: a categorical index, or a Gaussian sample
    /// clipped to the Box (the unclipped sample is what the learner keeps, as SB3).
    public func action(fromPolicyOutput output: [Float]) -> Action {
        switch self {
        case .discrete: return .discrete(Int(output[0]))
        case .box(let low, let high):
            return .continuous((0..<output.count).map { min(max(output[$0], low[$0]), high[$0]) })
        case .multiDiscrete: return .multiDiscrete(output.map { Int($0) })
        case .multiBinary: return .multiBinary(output.map { $0 > 0.5 ? 1 : 0 })
        }
    }
}
