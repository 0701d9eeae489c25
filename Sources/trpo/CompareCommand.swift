import ArgumentParser
import Environments
import Foundation
import PolicyOptimization
import RunArtifacts

/// `trpo compare`: trains several algorithms over several seeds on one environment, evaluates every
/// final policy, and writes a summary table and the learning curves.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare algorithms on one environment over several seeds: summary.json, summary.md, curves.svg.",
        discussion: """
            Every (algorithm, seed) pair becomes a normal run directory, OUT/runs/ALGO/seed-S (see \
            `trpo train`; `trpo eval` and `trpo plot` work on it), trained with each algorithm's zoo \
            settings for the environment, then --config FILE, then each --set key=value, and the same \
            --timesteps budget. Up to --jobs runs train at once, each on --threads threads; one seed \
            gives the same run whatever these are. Each final policy is evaluated as `trpo eval` does \
            (deterministic actions, --eval-episodes episodes from --eval-seed). A run directory that \
            already holds the same run is reused if finished and resumed if not.

            OUT/summary.json lists, per algorithm, "final_mean_return" (the mean over seeds of each \
            seed's mean evaluation return), "final_std_return" (the standard deviation across seeds of \
            those per-seed means, dividing by the number of seeds), "seconds" (the mean wall-clock \
            training time of one seed's run) and "steps_per_second" (all its runs' steps over their \
            total training time). OUT/curves.svg draws rollout/ep_rew_mean against timesteps: the mean \
            across seeds with a band of ± one standard deviation.
            """)

    @Option(help: "Gymnasium id of the environment, e.g. CartPole-v1 (see `trpo envs`).")
    var env: String

    @Option(help: "Comma-separated algorithms: trpo, npg, vpg, vpg-euclidean, ppo, npg-fixed, empirical-fim, max-kl, cem, cma.")
    var algos = "trpo,npg,vpg,ppo"

    @Option(help: "Seeds: a range and/or a list, e.g. 0-4 or 0,3,7 or 0-2,10.")
    var seeds = "0-4"

    @Option(help: "Environment steps per run (every algorithm gets the same budget).")
    var timesteps: Int

    @Option(help: "The output directory.")
    var out: String

    @Option(help: "Runs trained at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Threads of each run (results do not depend on it).")
    var threads: Int = 1

    @Option(help: "A YAML file of settings with the RL Zoo's key names, applied to every algorithm.")
    var config: String?

    @Option(name: .customLong("set"), help: "Override one setting for every algorithm, e.g. --set gamma=0.98 (repeatable).")
    var overrides: [String] = []

    @Option(help: "Evaluation episodes per final policy.")
    var evalEpisodes: Int = 20

    @Option(help: "Seed of the evaluation episodes (the same episodes for every policy).")
    var evalSeed: UInt64 = 0

    @Flag(help: "Print nothing on stderr but errors.")
    var quiet = false

    func validate() throws {
        _ = try ComparePlan.algorithms(algos)
        _ = try ComparePlan.seeds(seeds)
        guard timesteps > 0 else { throw ValidationError("--timesteps must be positive") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard evalEpisodes >= 1 else { throw ValidationError("--eval-episodes must be at least 1") }
        if overrides.contains(where: { $0.hasPrefix("algo=") }) {
            throw ValidationError("--set algo=… is not allowed here; choose the algorithms with --algos")
        }
    }

    func run() throws {
        try reportingErrors(command: "compare") {
            let log = CompareLog(enabled: !quiet)
            let plan = try makePlan(log: log)
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            log.line(
                "comparing \(plan.algorithms.map(\.rawValue).joined(separator: ", ")) on \(env): "
                    + "\(plan.seeds.count) seed\(plan.seeds.count == 1 ? "" : "s"), \(timesteps) steps each, "
                    + "\(plan.runs.count) runs, \(min(workers, plan.runs.count)) at a time")
            let outcomes = try CompareRunner(plan: plan, directory: directory, threads: threads, log: log).runAll(
                workers: workers)
            let summary = CompareSummary(plan: plan, outcomes: outcomes)
            try summary.write(to: directory)
            log.line("wrote \(directory.path)/{summary.json, summary.md, curves.svg}")
            log.line(summary.markdown().trimmingCharacters(in: .newlines))
        }
    }

    /// The runs to make: each algorithm's settings (checked here, before anything trains) and seeds.
    func makePlan(log: CompareLog) throws -> ComparePlan {
        _ = try makeEnvironment(env)  // an unknown id fails here, listing the known ones, before any run starts
        var specifications: [Algorithm: RunSpecification] = [:]
        let algorithms = try ComparePlan.algorithms(algos)
        for algorithm in algorithms {
            let (configuration, warnings) = try ConfigurationFile.resolve(
                environmentID: env, algorithm: algorithm, file: config, overrides: overrides)
            for warning in warnings { log.line("trpo compare: warning (\(algorithm.rawValue)): \(warning)") }
            specifications[algorithm] = RunSpecification(
                environmentID: env, seed: 0, totalTimesteps: timesteps, configuration: configuration)
        }
        return ComparePlan(
            environmentID: env, algorithms: algorithms, seeds: try ComparePlan.seeds(seeds), timesteps: timesteps,
            specifications: specifications, evaluationEpisodes: evalEpisodes, evaluationSeed: evalSeed)
    }
}

/// Progress lines on stderr, one writer at a time (runs report from several threads).
final class CompareLog: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Writes `text` as one line, unless quiet.
    func line(_ text: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        standardError(text)
    }
}
