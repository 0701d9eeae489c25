import DenseLinearAlgebra
import Environments

extension PolicySnapshot {
    /// Runs one copy of `environment` until `episodes` episodes have been reported and returns
    /// their returns, as its `takeCompletedEpisodes` reports them: for an Atari training stack the
    /// whole games with their unclipped scores (SB3's `Monitor`), not the learner's per-life,
    /// clipped episodes. The copy is reset with `seed` once; later episodes follow on its stream.
    public func evaluateReportedEpisodes(
        on environment: any VectorEnvironmentProtocol, episodes: Int, seed: UInt64, deterministic: Bool
    ) throws -> [Double] {
        precondition(environment.count == 1, "evaluation runs one copy")
        var stream = RandomStream(seed: seed, stream: 7)
        var observation = try environment.reset(seed: seed)
        var returns: [Double] = []
        _ = environment.takeCompletedEpisodes()
        while returns.count < episodes {
            let result = try environment.step([action(for: observation, deterministic: deterministic, stream: &stream)])
            observation = result.observations
            returns += environment.takeCompletedEpisodes().map(\.episodeReturn)
        }
        return Array(returns.prefix(episodes))
    }
}
