import ArgumentParser
import DenseLinearAlgebra
import Environments
import Foundation
import GymnasiumBridge
import PolicyOptimization

#if MuJoCo
import MuJoCoEnvironments
#endif

/// `trpo rollout`: steps an environment and writes one JSON object per transition to stdout.
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Step an environment and print one JSON line per transition.",
        discussion: """
            Each line is {"obs": [...], "action": a, "reward": r, "next_obs": [...], "terminated": b, \
            "truncated": b}; the action is a number for Discrete spaces and an array otherwise. After an \
            episode ends a new one starts, and the next line's "obs" is its reset observation. Without a \
            policy, actions are drawn uniformly from the action space with a stream seeded by --seed. \
            On a MuJoCo environment each line also has "qpos" and "qvel", the physical state before \
            the step (float64). Numbers are printed in their shortest round-trip form. On an Atari \
            environment (the ALE trait) each line also has "lives"; RAM observations are printed as \
            integers and screens as "obs_md5"/"next_obs_md5", the md5 of the frame's bytes; --frames DIR \
            writes the screens as PNG files.
            """)

    @Option(name: .customLong("env"), help: "The registered environment id (see `trpo envs`); with --run-dir, the policy's by default.")
    var envOption: String?

    @Option(name: .customLong("env-kwargs"), parsing: .upToNextOption, help: environmentArgumentsHelp)
    var environmentArguments: [String] = []

    @Option(help: "A run directory whose policy.safetensors picks the actions (its mode; see --stochastic).")
    var runDir: String?

    @Flag(help: "With --run-dir, sample the policy's actions instead of taking its mode.")
    var stochastic = false

    @Option(help: "Seeds the first reset (Gymnasium's reset(seed:)) and the action stream.")
    var seed: UInt64 = 0

    @Option(help: "The number of transitions to write.")
    var steps: Int = 1_000

    @Option(name: .customLong("frames"), help: "Atari only: write the screen after each step as DIR/<index>.png.")
    var framesDirectory: String?

    @Option(help: "Python interpreter for a gym: environment (default: $TRPO_PYTHON, else python3).")
    var python: String?

    func validate() throws {
        guard steps >= 0 else { throw ValidationError("--steps must be non-negative, got \(steps)") }
        guard envOption != nil || runDir != nil else { throw ValidationError("give --env ID or --run-dir DIR") }
    }

    func run() throws {
        let environment: any Environment
        let env: String
        var policy: any RolloutActionSource
        if let python { GymnasiumBridge.register(interpreter: python) }
        do {
            if let runDir {
                let (snapshot, policyEnvironment) = try loadPolicy(runDirectory: runDir)
                if let envOption, envOption != policyEnvironment {
                    throw ValidationError("the policy in \(runDir) was trained on \(policyEnvironment), not \(envOption)")
                }
                env = try environmentID(policyEnvironment, arguments: environmentArguments)
                policy = SavedPolicyActions(snapshot: snapshot, deterministic: !stochastic, seed: seed)
            } else {
                env = try environmentID(envOption ?? "", arguments: environmentArguments)
                policy = RandomActionPolicy(space: try makeEnvironment(env).actionSpace, seed: seed)
            }
            environment = try makeEnvironment(env)
        } catch {
            FileHandle.standardError.write(Data("trpo rollout: \(error)\n".utf8))
            throw ExitCode.failure
        }
        #if ALE
        if let bytes = environment as? any ByteObservationEnvironment {
            do {
                try runBytes(bytes, env: env, policy: &policy)
            } catch {
                FileHandle.standardError.write(Data("trpo rollout: \(error)\n".utf8))
                throw ExitCode.failure
            }
            return
        }
        #endif
        guard framesDirectory == nil else { throw ValidationError("--frames needs an Atari environment") }
        var writer = LineWriter()
        let readState = Self.stateReader(for: environment)
        var observation = try environment.checkedReset(seed: seed, name: env)
        for _ in 0..<steps {
            let action = try policy.action(for: observation)
            let state = readState()
            let result = try environment.checkedStep(action, name: env)
            writer.write(TransitionLine.json(observation: observation, action: action, result: result, state: state))
            observation =
                result.terminated || result.truncated
                ? try environment.checkedReset(seed: nil, name: env) : result.observation
        }
        writer.flush()
    }

    /// Reads `qpos` and `qvel` of a physics environment under its wrappers; nil for other environments.
    static func stateReader(for environment: any Environment) -> () -> (positions: [Double], velocities: [Double])? {
        #if MuJoCo
        if let physics = environment.unwrapped as? any PhysicsEnvironment {
            return { (physics.positions, physics.velocities) }
        }
        #endif
        return { nil }
    }
}

/// Picks the rollout's actions; a saved policy (`--run-dir`) can replace the random one.
protocol RolloutActionSource {
    /// The action to take after seeing `observation`.
    mutating func action(for observation: [Float]) throws -> Action
}

/// A saved policy's actions (observations normalised with its frozen statistics).
struct SavedPolicyActions: RolloutActionSource {
    let snapshot: PolicySnapshot
    let deterministic: Bool
    var stream: RandomStream

    init(snapshot: PolicySnapshot, deterministic: Bool, seed: UInt64) {
        self.snapshot = snapshot
        self.deterministic = deterministic
        stream = RandomStream(seed: seed, stream: 1)
    }

    mutating func action(for observation: [Float]) -> Action {
        snapshot.action(for: observation, deterministic: deterministic, stream: &stream)
    }
}

/// Uniformly random actions from the action space, from `RandomStream(seed:stream:)`.
struct RandomActionPolicy: RolloutActionSource {
    let space: Space
    var stream: RandomStream

    init(space: Space, seed: UInt64) {
        self.space = space
        // Stream 1 of the seed's family, so the actions do not reuse the bits of other seeded parts.
        stream = RandomStream(seed: seed, stream: 1)
    }

    mutating func action(for observation: [Float]) -> Action { space.sample(using: &stream) }
}

/// Formats one transition as the JSON object `trpo rollout` prints.
enum TransitionLine {
    static func json(
        observation: [Float], action: Action, result: StepResult,
        state: (positions: [Double], velocities: [Double])? = nil
    ) -> String {
        var line =
            "{\"obs\": \(array(observation)), \"action\": \(action.jsonDescription), \"reward\": \(result.reward.description), "
            + "\"next_obs\": \(array(result.observation)), \"terminated\": \(result.terminated), "
            + "\"truncated\": \(result.truncated)"
        if let state {
            line += ", \"qpos\": \(array(state.positions)), \"qvel\": \(array(state.velocities))"
        }
        return line + "}"
    }

    /// Swift's `description` of a finite Float is its shortest round-trip representation.
    static func array(_ values: [Float]) -> String {
        "[" + values.map(\.description).joined(separator: ", ") + "]"
    }

    /// The same for float64 values (`description` of a finite Double also round-trips).
    static func array(_ values: [Double]) -> String {
        "[" + values.map(\.description).joined(separator: ", ") + "]"
    }
}

/// Buffers stdout lines and writes them in large blocks.
struct LineWriter {
    private var buffer = ""

    mutating func write(_ line: String) {
        buffer += line
        buffer += "\n"
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }
}
