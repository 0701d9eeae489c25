import ArgumentParser
import Foundation
import PolicyOptimization
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
            """)

    @Option(help: "Gymnasium id of the environment, e.g. CartPole-v1 (see `trpo envs`).")
    var env: String?

    @Option(name: .customLong("env-kwargs"), parsing: .upToNextOption, help: environmentArgumentsHelp)
    var environmentArguments: [String] = []

    @Option(help: "Environment steps to train for (default: the zoo's n_timesteps, else 1,000,000).")
    var timesteps: Int?

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

    @Option(name: .customLong("algo"), help: "trpo (default), npg, vpg, vpg-euclidean or ppo.")
    var algorithm: String?

    @Option(help: "Threads for environment stepping and batched passes (results do not depend on it).")
    var threads: Int = 1

    @Flag(help: "Print nothing on stderr while training.")
    var quiet = false

    func validate() throws {
        if resume != nil, !environmentArguments.isEmpty {
            throw ValidationError("--resume takes its settings from the run directory; give no other settings")
        }
        if resume == nil {
            guard env != nil else { throw ValidationError("give --env ID (or --resume DIR)") }
            guard runDir != nil else { throw ValidationError("give --run-dir DIR (or --resume DIR)") }
        } else if env != nil || runDir != nil || config != nil || !overrides.isEmpty || timesteps != nil || algorithm != nil {
            throw ValidationError("--resume takes its settings from the run directory; give no other settings")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let timesteps, timesteps <= 0 { throw ValidationError("--timesteps must be positive") }
    }

    func run() throws {
        try reportingErrors(command: "train") {
            let run: TrainingRun
            if let resume {
                run = try TrainingRun(resuming: URL(fileURLWithPath: resume), threads: threads)
            } else {
                run = try TrainingRun(starting: try specification(), in: URL(fileURLWithPath: runDir ?? ""), threads: threads)
            }
            let algorithm = run.specification.configuration.algorithm
            let table = ProgressPrinter(enabled: !quiet, showsLineSearch: [.trpo, .npg].contains(algorithm))
            table.header(run.specification)
            try run.run { table.row($0) }
            table.footer(run.directory)
        }
    }

    /// The run's environment, seed, budget and settings from the command line.
    func specification() throws -> RunSpecification {
        let id = baseEnvironmentID(env ?? "")
        guard let chosen = Algorithm(rawValue: (algorithm ?? "trpo").lowercased()) else {
            throw ConfigurationError.invalidValue(
                key: "--algo", value: algorithm ?? "", expected: Algorithm.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let (configuration, warnings) = try ConfigurationFile.resolve(
            environmentID: id, algorithm: chosen, file: config, overrides: overrides)
        for warning in warnings { standardError("trpo train: warning: \(warning)") }
        let budget = timesteps ?? configuration.suggestedTimesteps ?? 1_000_000
        // With keyword arguments the run records the variant id, e.g. Hopper-v5?reset_noise_scale=0.1.
        let variant = try environmentID(env ?? "", arguments: environmentArguments)
        return RunSpecification(environmentID: variant, seed: seed, totalTimesteps: budget, configuration: configuration)
    }
}
