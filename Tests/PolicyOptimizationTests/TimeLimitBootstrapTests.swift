import Environments
import Rollouts
import Testing
import _TestSupport
@testable import PolicyOptimization

/// The trainer's collection with time limits: rₜ gets γ·V(s_final) at a truncation and nothing at
/// a termination (SB3's bootstrap, its issue #633), and GAE on the collected buffer is the
/// per-episode hand computation.
///
/// Two copies of `ToyCycle` (positions 0, 1, 0, …; action 0 advances, action 1 stops, reward
/// 1 + p + a/2) behind a 3-step time limit, stepped by an untrained policy, so episodes end by
/// termination, by truncation, and by both at once (a stop on the third step: Gymnasium's
/// TimeLimit sets `truncated` too, but a terminal state is not bootstrapped). The critic is the
/// trainer's own untrained V_φ; it sees only the one-hot positions 0 and 1, so V is a two-entry
/// table read off the buffer (checked to be a function of the observation, with V(0) ≠ V(1) and
/// both nonzero, so a bootstrap from the reset observation instead of the final one, or one at
/// a termination, would show).
@Suite struct TimeLimitBootstrapTests {
    static let (limit, discount, lambda) = (3, 0.9, 0.8)

    @Test func truncationsBootstrapTerminationsDoNotAndGAEMatchesHand() throws {
        var cycles: [ToyCycle] = []
        let copies = try VectorEnvironment(count: 2, name: "ToyCycle") {
            let (environment, cycle) = try ToyCycle.limited(length: 2, steps: Self.limit)
            cycles.append(cycle)
            return environment
        }
        var configuration = TrainingConfiguration()
        configuration.stepsPerCopy = 64
        configuration.discount = Self.discount
        configuration.gaeLambda = Self.lambda
        configuration.policyHiddenWidths = [4]
        configuration.valueHiddenWidths = [4]
        let trainer = try OnPolicyTrainer(environment: copies, configuration: configuration, seed: 7)
        let buffer = try trainer.collectRollout()
        let (steps, count) = (buffer.steps, buffer.copies)

        // V as a table of the two positions, from the rows where the critic saw them.
        func position(_ row: Int) -> Int { buffer.observations[2 * row + 1] == 1 ? 1 : 0 }
        var table: [Int: Float] = [:]
        for row in 0..<buffer.rows {
            let (position, value) = (position(row), buffer.values[row])
            #expect(table[position, default: value] == value, "V is a function of the observation (row \(row))")
            table[position] = value
        }
        let (v0, v1) = (try #require(table[0]), try #require(table[1]))
        #expect(v0 != v1 && v0 != 0 && v1 != 0)
        func value(_ position: Int) -> Double { Double(position == 0 ? v0 : v1) }

        var (truncations, terminations, both) = (0, 0, 0)
        var expectedAdvantages = [Double](repeating: .nan, count: buffer.rows)
        for copy in 0..<count {
            let transitions = cycles[copy].transitions
            try #require(transitions.count == steps, "one environment step per rollout step")
            // Backwards through the copy's steps, episode by episode, from the environment's record.
            var following = 0.0  // Â of the next step of the same episode
            for step in stride(from: steps - 1, through: 0, by: -1) {
                let row = step * count + copy
                let transition = transitions[step]
                let atLimit = transition.episodeStep + 1 == Self.limit
                let truncated = atLimit && !transition.terminated
                let episodeEnds = transition.terminated || atLimit
                if truncated { truncations += 1 }
                if transition.terminated { terminations += 1 }
                if transition.terminated && atLimit { both += 1 }
                let next = transition.action == 0 ? 1 - transition.position : transition.position
                let observation = Array(buffer.observations[(2 * row)..<(2 * row + 2)])
                #expect(observation == cycles[copy].observation(position: transition.position), "row \(row)")
                #expect(buffer.actions[row] == Float(transition.action), "row \(row)")
                #expect(buffer.episodeStarts[row] == (transition.episodeStep == 0), "row \(row)")

                // The recorded reward: the environment's, plus γ·V(s_final) exactly at truncations.
                let reward = transition.reward + (truncated ? Self.discount * value(next) : 0)
                #expect(buffer.rewards[row] == reward, "row \(row): truncated \(truncated), terminated \(transition.terminated)")

                // δₜ = r̂ₜ + γ V(sₜ₊₁) − V(sₜ) inside an episode; at its end r̂ₜ − V(sₜ) (the truncation's
                // bootstrap is already in r̂ₜ); the rollout's last step bootstraps from V(s_T).
                let continues = !episodeEnds
                let delta = reward + (continues ? Self.discount * value(next) : 0) - value(transition.position)
                let advantage = delta + (continues && step < steps - 1 ? Self.discount * Self.lambda * following : 0)
                expectedAdvantages[row] = advantage
                following = advantage
            }
            let last = transitions[steps - 1]
            let lastEnds = last.terminated || last.episodeStep + 1 == Self.limit
            #expect(buffer.finalEpisodeStarts[copy] == lastEnds)
            #expect(Double(buffer.finalValues[copy]) == value(cycles[copy].position))
        }
        #expect(truncations > 0 && terminations > both && both > 0, "\(truncations) \(terminations) \(both)")

        let (advantages, returns) = GeneralizedAdvantageEstimation.compute(
            buffer, discount: Self.discount, lambda: Self.lambda)
        for row in 0..<buffer.rows {
            #expect(abs(advantages[row] - expectedAdvantages[row]) <= 1e-12, "row \(row)")
            #expect(abs(returns[row] - (expectedAdvantages[row] + value(position(row)))) <= 1e-12, "row \(row)")
        }
    }
}
