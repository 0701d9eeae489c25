import ArgumentParser
import Environments
import Foundation
import GymnasiumBridge
import PolicyOptimization
import RunArtifacts
import TrainingSettings

/// `trpo eval`: runs a run directory's saved policy and prints one JSON object of returns.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a trained policy: {\"mean_return\", \"std_return\", \"episodes\", \"returns\"} on stdout.",
        discussion: """
            Uses policy.safetensors of the run directory (the deterministic mode action unless \
            --stochastic; observation statistics frozen). The first episode is reset with --seed; the \
            following ones continue the environment's random stream. A run trained with the Atari \
            wrapper is evaluated in the stack it trained on (config.json), on whole games with their \
            unclipped scores, sampling its actions as the RL Zoo's enjoy.py does for Atari \
            (--deterministic for the mode).
            """)

    @Option(help: "The run directory holding policy.safetensors.")
    var runDir: String

    @Option(help: "Episodes to run.")
    var episodes: Int = 10

    @Option(help: "Seed of the evaluation.")
    var seed: UInt64 = 0

    @Flag(help: "Sample actions from the policy instead of taking its mode.")
    var stochastic = false

    @Flag(help: "Take the policy's mode on an Atari run too (sampled by default there).")
    var deterministic = false

    @Option(help: "Python interpreter for a run on a gym: environment (default: $TRPO_PYTHON, else python3).")
    var python: String?

    @Option(
        name: .customLong("env-kwargs"), parsing: .upToNextOption,
        help: "Change a keyword argument of the run's environment for the evaluation, e.g. reset_noise_scale=0.1 (repeatable).")
    var environmentArguments: [String] = []

    func validate() throws {
        guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1") }
        guard !(stochastic && deterministic) else { throw ValidationError("--stochastic and --deterministic exclude each other") }
    }

    func run() throws {
        try reportingErrors(command: "eval") {
            if let python { GymnasiumBridge.register(interpreter: python) }
            let returns: [Double]
            if let stack = try trainingStack(runDirectory: runDir, arguments: environmentArguments) {
                let (snapshot, _) = try loadPolicy(
                    runDirectory: runDir, spaces: (stack.observationSpace, stack.actionSpace))
                returns = try snapshot.evaluateReportedEpisodes(
                    on: stack, episodes: episodes, seed: seed, deterministic: deterministic)
            } else {
                let (snapshot, trainedID) = try loadPolicy(runDirectory: runDir)
                let id = try environmentID(trainedID, arguments: environmentArguments)
                returns = try snapshot.evaluate(
                    on: try makeEnvironment(id), episodes: episodes, seed: seed, deterministic: !stochastic)
            }
            let mean = returns.reduce(0, +) / Double(returns.count)
            let deviation = (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)).squareRoot()
            print(
                "{\"mean_return\": \(mean), \"std_return\": \(deviation), \"episodes\": \(episodes), "
                    + "\"returns\": [\(returns.map(\.description).joined(separator: ", "))]}")
        }
    }
}

/// The saved policy of a run directory, in the id's spaces or in `spaces`.
func loadPolicy(runDirectory: String, spaces: (observation: Space, action: Space)? = nil) throws
    -> (PolicySnapshot, String)
{
    let url = TrainingRun.policyURL(URL(fileURLWithPath: runDirectory))
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw RunError.missingFile(path: url.path, hint: "train first (`trpo train --run-dir \(runDirectory) ...`)")
    }
    let result = try PolicyFile.snapshot(from: try SafeTensorsFile(contentsOf: url), path: url.path, spaces: spaces)
    return (result.snapshot, result.environmentID)
}

/// One copy of the stack a run trained its id in, when its config.json says it wrapped the id
/// (the Atari wrapper); nil for a run on the id itself or without a config.json.
func trainingStack(runDirectory: String, arguments: [String]) throws -> (any VectorEnvironmentProtocol)? {
    let url = TrainingRun.configurationURL(URL(fileURLWithPath: runDirectory))
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let specification = try RunSpecification(jsonData: try AtomicFile.read(from: url), path: url.path)
    guard specification.configuration.atariWrapper else { return nil }
    guard arguments.isEmpty else {
        throw ConfigurationError.unsupported("--env-kwargs does not apply to an Atari run's stack")
    }
    let id = Agent.vectorEnvironmentID(for: specification.environmentID, settings: specification.configuration)
    return try EnvironmentRegistry.shared.makeVectorEnvironment(id: id, count: 1)
}
