import Testing
@testable import Rollouts

@Suite struct GeneralizedAdvantageEstimationTests {
    /// Two copies × three steps, derived by hand: copy 0's episode ends after step 1 (so step 2
    /// starts a new one and bootstraps from the final value), copy 1 runs through and bootstraps
    /// from V(s_T). γ = 0.9, λ = 0.5. Exact to 1e-12.
    @Test func matchesHandDerivation() {
        var buffer = RolloutBuffer(steps: 3, copies: 2, observationWidth: 1, actionWidth: 1, outputWidth: 1)
        // Rows are time-major: (t0,c0), (t0,c1), (t1,c0), (t1,c1), (t2,c0), (t2,c1).
        buffer.rewards = [1, 2, 3, 4, 5, 6]
        buffer.values = [0.5, 1, 1.5, 2, 2.5, 3]
        buffer.episodeStarts = [true, true, false, false, true, false]
        buffer.finalEpisodeStarts = [false, true]
        buffer.finalValues = [10, 20]
        let (advantages, returns) = GeneralizedAdvantageEstimation.compute(buffer, discount: 0.9, lambda: 0.5)
        let (g, l) = (0.9, 0.5)
        // Copy 0: t2 bootstraps from V_final = 10; t1 is the last step of its episode; t0 → t1.
        let d02 = 5 + g * 10 - 2.5
        let d01 = 3 - 1.5
        let d00 = 1 + g * 1.5 - 0.5
        let a02 = d02, a01 = d01, a00 = d00 + g * l * a01
        // Copy 1: its episode ended after t2 (final start), so no bootstrap there.
        let d12 = 6 - 3.0
        let d11 = 4 + g * 3 - 2
        let d10 = 2 + g * 2 - 1
        let a12 = d12, a11 = d11 + g * l * a12, a10 = d10 + g * l * a11
        let expected = [a00, a10, a01, a11, a02, a12]
        for (index, value) in expected.enumerated() {
            #expect(abs(advantages[index] - value) < 1e-12, "row \(index)")
            #expect(abs(returns[index] - (value + Double(buffer.values[index]))) < 1e-12)
        }
    }

    /// λ = 1 gives Monte-Carlo advantages (discounted return minus value); λ = 0 gives one-step TD errors.
    @Test func lambdaLimits() {
        var buffer = RolloutBuffer(steps: 4, copies: 1, observationWidth: 1, actionWidth: 1, outputWidth: 1)
        buffer.rewards = [1, 0, 2, 1]
        buffer.values = [0.3, 0.2, 0.1, 0.4]
        buffer.episodeStarts = [true, false, false, false]
        buffer.finalEpisodeStarts = [true]
        buffer.finalValues = [99]  // ignored: the episode terminated
        let gamma = 0.95
        let monteCarlo = GeneralizedAdvantageEstimation.compute(buffer, discount: gamma, lambda: 1).advantages
        var discounted = 0.0
        for step in stride(from: 3, through: 0, by: -1) {
            discounted = buffer.rewards[step] + gamma * discounted
            #expect(abs(monteCarlo[step] - (discounted - Double(buffer.values[step]))) < 1e-6)
        }
        let temporalDifference = GeneralizedAdvantageEstimation.compute(buffer, discount: gamma, lambda: 0).advantages
        for step in 0..<3 {
            let delta = buffer.rewards[step] + gamma * Double(buffer.values[step + 1]) - Double(buffer.values[step])
            #expect(abs(temporalDifference[step] - delta) < 1e-6)
        }
    }

    @Test func standardizationHasZeroMeanUnitDeviation() {
        let standardized = GeneralizedAdvantageEstimation.standardize([1, 2, 3, 4, 10])
        let mean = standardized.reduce(0, +) / 5
        let variance = standardized.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4
        #expect(abs(mean) < 1e-12)
        #expect(abs(variance - 1) < 1e-6)
        #expect(GeneralizedAdvantageEstimation.standardize([3]) == [0])
        #expect(GeneralizedAdvantageEstimation.standardize([]).isEmpty)
    }
}
