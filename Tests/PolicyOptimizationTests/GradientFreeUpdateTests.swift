import DenseLinearAlgebra
import Environments
import Foundation
import Policies
import Testing
@testable import PolicyOptimization
import TrainingSettings

@Suite struct GradientFreeUpdateTests {
    /// An episode counts for the acting candidate exactly when it ran wholly under it. Two copies,
    /// the candidate acting after run step 20: copy 0's episode that finished at step 20 and the one
    /// that began with the candidate's first step both measure the first θ and the candidate
    /// respectively (counted); copy 1's episode begun after step 14 and finished at 26 mixes both θ
    /// (dropped), its next one counts. Crediting by finish would give [3, 4, 5]; dropping the
    /// episode that starts at the candidate's first step (the earlier rule) would give [5].
    @Test func episodesCountOnlyWhenTheyRanWhollyUnderTheCandidate() {
        func finished(_ episodeReturn: Double, copy: Int, at timestep: Int) -> FinishedEpisode {
            FinishedEpisode(CompletedEpisode(episodeReturn: episodeReturn, length: 5, copy: copy), finishTimestep: timestep)
        }
        var attribution = EpisodeAttribution()
        #expect(attribution.returns(of: [finished(2, copy: 1, at: 14), finished(1, copy: 0, at: 20)]) == [2, 1])
        attribution.switchCandidate(after: 20)
        let second = attribution.returns(of: [
            finished(3, copy: 1, at: 26), finished(4, copy: 0, at: 30), finished(5, copy: 1, at: 36),
        ])
        #expect(second == [4, 5])
        attribution.switchCandidate(after: 40)
        #expect(attribution.returns(of: [finished(6, copy: 0, at: 42), finished(7, copy: 1, at: 46)]).isEmpty)
    }

    /// The fitness of each candidate comes only from its own whole episodes, and the search learns
    /// from them: CEM with two candidates (elite of one), one episode per candidate. Candidate 0
    /// acts after run step 20: copy 1's episode that began under θ₀ and ends in its batch has return
    /// 100 and must not count, copy 0's own episode has 7. Candidate 1 acts after step 40: both
    /// copies first finish episodes begun under candidate 0 (returns 1000), then copy 0 one of its
    /// own with 9. So the fitness is [7, 9], the elite is candidate 1 and μ becomes it. Wrong
    /// crediting flips this: counting the spanning episodes makes candidate 0's fitness 53.5 and
    /// μ candidate 0; dropping the episode that starts at a candidate's first step leaves
    /// candidate 0 without an episode. The rule's result is μ, not the acting candidate.
    @Test func candidatesAreScoredOnTheirOwnWholeEpisodesAndTheResultIsTheMean() throws {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 2), rows: 8)
        var settings = CrossEntropySettings()
        settings.populationSize = 2
        var rule = GradientFreeUpdate(method: .crossEntropy(settings))
        var theta = problem.parameters
        var stream = RandomStream(seed: 4)
        func update(after timestep: Int, _ episodes: [(Double, Int, Int)]) {
            var input = problem.input()
            input.timestepsAfterCollection = timestep
            input.episodes = episodes.map {
                FinishedEpisode(CompletedEpisode(episodeReturn: $0.0, length: 3, copy: $0.1), finishTimestep: $0.2)
            }
            _ = rule.update(input, parameters: &theta, stream: &stream)
        }
        update(after: 20, [(0, 1, 14), (0, 0, 20)])
        let candidates = rule.candidates
        #expect(candidates.count == 2 && theta == candidates[0])
        #expect(rule.resultParameters(acting: theta) == problem.parameters)  // μ starts at θ₀
        update(after: 40, [(100, 1, 26), (7, 0, 30)])
        #expect(rule.fitness == [7] && theta == candidates[1])
        update(after: 60, [(1000, 1, 44), (1000, 0, 52), (9, 0, 60)])
        let search = try #require(rule.search)
        #expect(search.generation == 1 && rule.fitness.isEmpty)
        #expect(search.mean.map { Float($0) } == candidates[1])
        #expect(rule.resultParameters(acting: theta) == candidates[1] && theta != candidates[1])
    }

    /// The rule on a synthetic fitness: each iteration of 10 run steps, copy 0 finishes two episodes
    /// of the acting θ with return −‖θ − c‖² (one at the batch's 4th step, begun with the
    /// candidate's first step, and one at its last), and copy 1 one that began in the previous
    /// iteration, with the previous θ's return (not counted). The rule switches θ to a new
    /// candidate every iteration and learns once per generation; after 40 generations of 40 (elite
    /// 8, a constant extra σ of 0.02 against CEM's collapse in 50 dimensions), CEM's mean has
    /// ‖μ − c‖² below a tenth of ‖θ₀ − c‖².
    @Test func ruleMovesTheSearchTowardsTheFitterCandidates() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 2), rows: 8)
        let target = (0..<problem.parameters.count).map { Float(0.3 * sin(Double($0))) }
        func episodeReturn(_ theta: [Float]) -> Double {
            var total = 0.0
            for (value, goal) in zip(theta, target) { total += Double(value - goal) * Double(value - goal) }
            return -total
        }
        var settings = CrossEntropySettings()
        settings.populationSize = 40
        settings.initialStandardDeviation = 0.3
        settings.extraStandardDeviation = 0.02
        settings.extraNoiseGenerations = 1_000_000
        var rule = GradientFreeUpdate(method: .crossEntropy(settings))
        var theta = problem.parameters
        var previousScore = episodeReturn(theta)
        var stream = RandomStream(seed: 2)
        for iteration in 0..<(1 + 40 * 40) {
            var input = problem.input()
            let score = episodeReturn(theta)
            let (start, end) = (10 * iteration, 10 * iteration + 10)
            input.timestepsAfterCollection = end
            input.episodes = [
                FinishedEpisode(CompletedEpisode(episodeReturn: previousScore, length: 12, copy: 1), finishTimestep: start + 2),
                FinishedEpisode(CompletedEpisode(episodeReturn: score, length: 2, copy: 0), finishTimestep: start + 4),
                FinishedEpisode(CompletedEpisode(episodeReturn: score, length: 3, copy: 0), finishTimestep: end),
            ]
            previousScore = score
            let before = theta
            let metrics = rule.update(input, parameters: &theta, stream: &stream)
            #expect(theta != before && metrics.stepNorm > 0, "iteration \(iteration)")
        }
        let mean = (rule.search?.mean ?? []).map { Float($0) }
        #expect(rule.search?.generation == 40 && rule.fitness.isEmpty)
        #expect(-episodeReturn(mean) < 0.1 * -episodeReturn(problem.parameters),
                "‖μ − c‖² = \(-episodeReturn(mean)), ‖θ₀ − c‖² = \(-episodeReturn(problem.parameters))")
    }

    /// Without an episode run wholly under the candidate, θ stays (and the step reports failure).
    @Test func candidateWaitsForAnEpisode() {
        let problem = ToyUpdateProblem(distribution: CategoricalDistribution(actionCount: 2), rows: 8)
        var rule = GradientFreeUpdate(method: .covarianceMatrixAdaptation(.init()))
        var theta = problem.parameters
        var stream = RandomStream(seed: 3)
        var first = problem.input()
        first.timestepsAfterCollection = 10
        _ = rule.update(first, parameters: &theta, stream: &stream)
        let candidate = theta
        var input = problem.input()
        input.timestepsAfterCollection = 20
        // Began under θ₀ (the copy's episode since the reset), finished under the candidate.
        input.episodes = [FinishedEpisode(CompletedEpisode(episodeReturn: 7, length: 15, copy: 0), finishTimestep: 15)]
        let metrics = rule.update(input, parameters: &theta, stream: &stream)
        #expect(theta == candidate && !metrics.lineSearchSucceeded && metrics.stepNorm == 0)
    }

    /// The loop stamps each finished episode with the run's steps when it finished: with 3 copies,
    /// each copy's episodes tile its steps from the reset, so the k-th finishes at
    /// 3 · (its length + the copy's earlier lengths), inside the batch it is handed over with.
    @Test func trainerStampsEachEpisodeWithItsFinishStep() throws {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: .trpo)
        configuration.environmentCopies = 3
        configuration.stepsPerCopy = 40
        configuration.batchSize = 120
        let recorder = EpisodeRecorder()
        let trainer = try OnPolicyTrainer(
            environment: try VectorEnvironment(id: "CartPole-v1", count: 3), configuration: configuration,
            updateRule: RecordingRule(recorder: recorder), seed: 5)
        for _ in 0..<5 { _ = try trainer.runIteration() }
        var stepsPerCopy = [0, 0, 0]
        var finished = 0
        for (index, batch) in recorder.batches.enumerated() {
            #expect(batch.after == 120 * (index + 1))
            for episode in batch.episodes {
                stepsPerCopy[episode.episode.copy] += episode.episode.length
                #expect(episode.finishTimestep == 3 * stepsPerCopy[episode.episode.copy], "\(episode)")
                #expect(episode.finishTimestep > batch.after - 120 && episode.finishTimestep <= batch.after)
                finished += 1
            }
        }
        #expect(finished >= 15, "random CartPole episodes last about 20 steps")
    }

    /// CEM and CMA-ES learn CartPole-v1 with a linear policy (net_arch=[], 10 parameters) on a
    /// fixed seed, one copy and 128 steps per iteration (a candidate keeps acting until an episode
    /// run wholly under it ends), 470 iterations (60k steps). Random play lasts about 20 steps;
    /// the final policy, the search mean, must average ≥ 195 over 10 deterministic episodes (the v0
    /// threshold); measured in a release build: CEM 283.5, CMA-ES 481.8.
    @Test(arguments: [Algorithm.cem, .cma]) func learnsCartPoleWithALinearPolicy(algorithm: Algorithm) throws {
        var configuration = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: algorithm)
        try configuration.set("net_arch", to: .list([]))
        configuration.criticEpochs = 1
        configuration.environmentCopies = 1
        configuration.stepsPerCopy = 128
        configuration.batchSize = 128
        let environment = try VectorEnvironment(id: "CartPole-v1", count: configuration.environmentCopies)
        let trainer = try OnPolicyTrainer(environment: environment, configuration: configuration, seed: 0)
        #expect(trainer.policy.parameterCount == 10)
        for _ in 0..<470 { _ = try trainer.runIteration() }
        let snapshot = PolicySnapshot(trainer: trainer, normalizer: nil)
        let rule = try #require(trainer.updateRule as? GradientFreeUpdate)
        #expect(snapshot.parameters == rule.search?.mean.map { Float($0) } && snapshot.parameters != trainer.policyParameters)
        let returns = try snapshot.evaluate(on: makeEnvironment("CartPole-v1"), episodes: 10, seed: 0)
        let mean = returns.reduce(0, +) / Double(returns.count)
        #expect(mean >= 195, "\(algorithm.rawValue): evaluation returns \(returns)")
    }
}

/// What `RecordingRule` saw: each batch's finished episodes and the run's steps after it.
final class EpisodeRecorder: @unchecked Sendable {
    var batches: [(episodes: [FinishedEpisode], after: Int)] = []
}

/// A rule that leaves θ alone and records the episodes the loop hands it.
struct RecordingRule: PolicyUpdateRule {
    let recorder: EpisodeRecorder

    mutating func update(_ input: PolicyUpdateInput, parameters: inout [Float], stream: inout RandomStream)
        -> PolicyUpdateMetrics
    {
        recorder.batches.append((input.episodes, input.timestepsAfterCollection))
        return PolicyUpdateMetrics()
    }
}
