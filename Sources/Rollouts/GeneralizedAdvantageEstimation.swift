import DenseLinearAlgebra

/// Advantages Â and λ-returns of a rollout by generalised advantage estimation (Schulman et al. 2016).
///
/// δₜ = rₜ + γ V(sₜ₊₁)(1 − doneₜ) − V(sₜ); Âₜ = δₜ + γλ(1 − doneₜ) Âₜ₊₁; returnₜ = Âₜ + V(sₜ).
/// "done" is the start of a new episode at t + 1 (terminated or truncated); truncations were
/// already bootstrapped into rₜ, exactly as SB3 does, so the two are equivalent there.
public enum GeneralizedAdvantageEstimation {
    /// (advantages, returns) for a time-major buffer, both of `buffer.rows` entries.
    public static func compute(
        _ buffer: RolloutBuffer, discount gamma: Double, lambda: Double
    ) -> (advantages: [Double], returns: [Double]) {
        let (steps, copies) = (buffer.steps, buffer.copies)
        var advantages = [Double](repeating: 0, count: buffer.rows)
        for copy in 0..<copies {
            var running = 0.0
            for step in stride(from: steps - 1, through: 0, by: -1) {
                let row = step * copies + copy
                let nextNonTerminal: Double
                let nextValue: Double
                if step == steps - 1 {
                    nextNonTerminal = buffer.finalEpisodeStarts[copy] ? 0 : 1
                    nextValue = Double(buffer.finalValues[copy])
                } else {
                    nextNonTerminal = buffer.episodeStarts[row + copies] ? 0 : 1
                    nextValue = Double(buffer.values[row + copies])
                }
                let delta = buffer.rewards[row] + gamma * nextValue * nextNonTerminal - Double(buffer.values[row])
                running = delta + gamma * lambda * nextNonTerminal * running
                advantages[row] = running
            }
        }
        let returns = (0..<buffer.rows).map { advantages[$0] + Double(buffer.values[$0]) }
        return (advantages, returns)
    }

    /// (Â − mean)/(std + ε): per-batch standardisation (SB3: ε = 1e-8). A single row is left
    /// centred only, since its standard deviation is undefined. The mean and the variance are
    /// reduction points: a distributed run standardises over every participant's rows.
    public static func standardize(
        _ advantages: [Double], epsilon: Double = 1e-8, reduction: any SampleReduction = LocalReduction()
    ) -> [Double] {
        let total = reduction.total(advantages.count)
        guard total > 0 else { return [] }
        let count = Double(total)
        let mean = reduction.sum(advantages) / count
        guard total > 1 else { return advantages.map { $0 - mean } }
        // Unbiased standard deviation, as torch.std.
        let variance = reduction.sum(advantages.map { ($0 - mean) * ($0 - mean) }) / (count - 1)
        return advantages.map { ($0 - mean) / (variance.squareRoot() + epsilon) }
    }
}
