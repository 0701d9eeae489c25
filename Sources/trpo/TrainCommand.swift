import ArgumentParser
import Foundation
import PolicyOptimization

/// `trpo train`: train a policy on a registered environment and write a run directory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a policy (TRPO by default) on an environment.")

    @Option(help: "Gymnasium id of the environment, e.g. CartPole-v1.")
    var env: String

    @Option(help: "Environment steps to train for (default: the zoo's n_timesteps, else 1,000,000).")
    var timesteps: Int?

    @Option(help: "Seed of the run.")
    var seed: UInt64 = 0

    @Option(help: "Threads for environment stepping and batched passes (results do not depend on it).")
    var threads: Int = 1

    @Option(name: .customLong("algo"), help: "trpo, npg, vpg or ppo.")
    var algorithm: String = "trpo"

    func run() throws {
        var configuration = TrainingConfiguration.zooDefaults(for: env)
        try configuration.set("algo", to: .string(algorithm))
        let agent = try Agent(
            environment: env, algorithm: configuration.algorithm, configuration: configuration, seed: seed,
            threads: threads)
        let budget = timesteps ?? configuration.suggestedTimesteps ?? 1_000_000
        let start = Date()
        try agent.learn(totalTimesteps: budget) { metrics in
            let elapsed = Date().timeIntervalSince(start)
            FileHandle.standardError.write(Data(String(
                format: "it %4d  steps %7d  %6.1fs  fps %6.0f  return %8.2f  kl %.4f  ls %d/%d  vloss %.3f\n",
                metrics.iteration, metrics.totalTimesteps, elapsed, Double(metrics.totalTimesteps) / elapsed,
                metrics.meanEpisodeReturn, metrics.update.klDivergence, metrics.update.lineSearchSteps,
                metrics.update.lineSearchSucceeded ? 1 : 0, metrics.valueLoss).utf8))
            return true
        }
    }
}
