import ArgumentParser
import Foundation
import GymnasiumBridge
import PolicyOptimization
import Rollouts
import RunArtifacts

/// `trpo train`: trains a policy on a registered environment into a run directory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a policy (TRPO by default) on an environment, writing a run directory.",
        discussion: """
            Settings start from the RL Zoo's for the environment, then --config FILE (zoo key names, \
            one or several environment ids), then each --set key=value. The run directory gets \
            config.json, progress.csv, checkpoint.safetensors (every checkpoint_interval iterations) \
            and policy.safetensors. --resume DIR continues an interrupted run from its last checkpoint.
            SIGINT or SIGTERM finishes and checkpoints the iteration under way, then exits with status \
            130 or 143; a second signal exits at once (the last checkpoint stays intact). One `trpo \
            train` at a time may write a run directory (a second one is refused).
            """)

    @Option(help: "Gymnasium id of the environment, e.g. CartPole-v1 (see `trpo envs`).")
    var env: String?

    @Option(name: .customLong("env-kwargs"), parsing: .upToNextOption, help: environmentArgumentsHelp)
    var environmentArguments: [String] = []

    @Option(help: "Environment steps to train for (default: the zoo's n_timesteps, else 1,000,000).")
    var timesteps: Int?

    @Option(
        name: .customLong("stop-at"),
        help: "Stop, checkpointed, after the iteration that reaches this many environment steps, with the schedules of the whole --timesteps budget (a longer run's curve up to a shorter budget); --resume continues it.")
    var stopAt: Int?

    @Option(help: "Seed of the run.")
    var seed: UInt64 = 0

    @Option(help: "The run directory to create.")
    var runDir: String?

    @Option(help: "Continue the interrupted run in this directory.")
    var resume: String?

    @Option(help: "A YAML file of settings with the RL Zoo's key names.")
    var config: String?

    @Option(name: .customLong("set"), help: "Override one setting, e.g. --set target_kl=0.02 (repeatable).")
    var overrides: [String] = []

    @Option(name: .customLong("algo"), help: "trpo (default), npg, vpg, vpg-euclidean, ppo, npg-fixed, empirical-fim, max-kl, cem or cma.")
    var algorithm: String?

    @Option(help: "single_path (default) or vine (Schulman et al. 2015, §5); the same as --set sampler=NAME.")
    var sampler: String?

    @Option(help: "Threads for environment stepping and batched passes (results do not depend on it).")
    var threads: Int = 1

    @Option(help: "Python interpreter for gym: environments (default: $TRPO_PYTHON, else python3).")
    var python: String?

    @Flag(help: "Print nothing on stderr while training.")
    var quiet = false

    func validate() throws {
        if resume != nil, !environmentArguments.isEmpty {
            throw ValidationError("--resume takes its settings from the run directory; give no other settings")
        }
        if resume == nil {
            guard env != nil else { throw ValidationError("give --env ID (or --resume DIR)") }
            guard runDir != nil else { throw ValidationError("give --run-dir DIR (or --resume DIR)") }
        } else if env != nil || runDir != nil || config != nil || !overrides.isEmpty || timesteps != nil || algorithm != nil
            || sampler != nil
        {
            throw ValidationError("--resume takes its settings from the run directory; give no other settings")
        }
        if let sampler {
            let names = Sampler.allCases.map(\.rawValue)
            guard names.contains(sampler.lowercased()) else {
                throw ValidationError("--sampler must be one of \(names.joined(separator: ", ")), got '\(sampler)'")
            }
            // Both spellings of one setting, disagreeing: refuse rather than pick one silently.
            if let other = overrides.last(where: { $0.hasPrefix("sampler=") }),
                other.dropFirst("sampler=".count).lowercased() != sampler.lowercased()
            {
                throw ValidationError("--sampler \(sampler) contradicts --set \(other)")
            }
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let timesteps, timesteps <= 0 { throw ValidationError("--timesteps must be positive") }
        if let stopAt, stopAt <= 0 { throw ValidationError("--stop-at must be positive") }
    }

    func run() throws {
        try reportingErrors(command: "train") {
            if let python { GymnasiumBridge.register(interpreter: python) }
            if let session = try DistributedSession.launched() { runDistributed(session) }
            let run: TrainingRun
            if let resume {
                run = try TrainingRun(resuming: URL(fileURLWithPath: resume), threads: threads)
            } else {
                run = try TrainingRun(starting: try specification(), in: URL(fileURLWithPath: runDir ?? ""), threads: threads)
            }
            let table = ProgressPrinter(
                enabled: !quiet, showsLineSearch: run.specification.configuration.usesNaturalGradient,
                totalTimesteps: min(run.specification.totalTimesteps, stopAt ?? .max))
            table.header(run.specification)
            StopSignals.install()
            let outcome: TrainingRun.Outcome
            do {
                outcome = try run.run(
                    onIteration: { table.row($0) },
                    stopRequested: { StopSignals.pending != nil || reachedStop(run.agent.trainer.totalTimesteps) })
            } catch let error as FileOperationError {
                // A failed write (full disk, I/O error, read-only directory) replaced nothing.
                let kept = run.lastCheckpointIteration.map { "the checkpoint of iteration \($0) is intact" }
                throw TrainFailure(description: "\(error); \(kept ?? "no checkpoint was written yet")")
            }
            if case .stopped(let iteration) = outcome {
                let signal = StopSignals.pending
                let cause = signal.map { "by \(StopSignals.name($0))" }
                    ?? "at \(run.agent.trainer.totalTimesteps) environment steps (--stop-at)"
                standardError(
                    "trpo train: stopped \(cause) after iteration \(iteration); "
                        + "checkpoint.safetensors holds it. Continue with: trpo train --resume \(run.directory.path)")
                // A signal's stop exits as the signal would; `--stop-at` is the run done as asked.
                if let signal { throw ExitCode(128 + signal) }
                return
            }
            table.footer(run.directory)
        }
    }

    /// Whether a run at `timesteps` environment steps has reached `--stop-at`.
    func reachedStop(_ timesteps: Int) -> Bool { stopAt.map { timesteps >= $0 } ?? false }

    /// The run's environment, seed, budget and settings from the command line.
    func specification() throws -> RunSpecification {
        let id = baseEnvironmentID(env ?? "")
        guard let chosen = Algorithm(rawValue: (algorithm ?? "trpo").lowercased()) else {
            throw ConfigurationError.invalidValue(
                key: "--algo", value: algorithm ?? "", expected: Algorithm.allCases.map(\.rawValue).joined(separator: ", "))
        }
        // A bridged Gymnasium id takes the zoo's settings of that id (`gym:CartPole-v1` as `CartPole-v1`).
        let (configuration, warnings) = try ConfigurationFile.resolve(
            environmentID: GymnasiumBridge.gymnasiumID(id) ?? id, algorithm: chosen, file: config,
            overrides: samplerOverride + overrides)
        for warning in warnings { standardError("trpo train: warning: \(warning)") }
        if GymnasiumBridge.isBridged(id) && configuration.sampler == .vine {
            throw ValidationError(
                "the vine sampler needs environment snapshots at every branch, which Python environments (gym:...) "
                    + "do not give; use the single-path sampler (drop --sampler vine or --set sampler=vine)")
        }
        let budget = timesteps ?? configuration.suggestedTimesteps ?? 1_000_000
        // With keyword arguments the run records the variant id, e.g. Hopper-v5?reset_noise_scale=0.1.
        let variant = try environmentID(env ?? "", arguments: environmentArguments)
        return RunSpecification(environmentID: variant, seed: seed, totalTimesteps: budget, configuration: configuration)
    }

    /// `--sampler NAME` as the override `sampler=NAME`, so the flag and `--set` are one setting.
    var samplerOverride: [String] { sampler.map { ["sampler=\($0.lowercased())"] } ?? [] }
}

/// A training failure whose message is complete as it stands.
struct TrainFailure: Error, CustomStringConvertible {
    let description: String
}
