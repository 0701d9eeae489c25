#if ALE
import ArgumentParser
import AtariEnvironments
import Environments
import Foundation

// MARK: - Byte observations (Atari screens and RAM)

extension RolloutCommand {
    /// The rollout of an environment with byte observations: the same JSON lines, with RAM
    /// observations as integers, screens as the md5 of their bytes (`obs_md5`, `next_obs_md5`,
    /// as `hashlib.md5(obs.tobytes()).hexdigest()`), and `lives` after the step. With `--frames`,
    /// the screen at the reset and after every step is written as `DIR/<index>.png` (index 0 the
    /// first reset's, index t + 1 after step t), by ALE's exporter (320 × 210: pixels doubled in width).
    func runBytes(
        _ environment: any ByteObservationEnvironment, env: String, policy: inout any RolloutActionSource
    ) throws {
        let isImage = environment.observationLayout.shape.count > 1
        let lives = { (environment as? any LivesReporting)?.lives ?? (environment.unwrapped as? any LivesReporting)?.lives }
        let frameWriter = try framesDirectory.map { try FrameWriter(directory: $0, environment: environment) }
        var writer = LineWriter()
        defer { writer.flush() }
        var observation = try environment.resetBytes(seed: seed)
        try frameWriter?.write(index: 0)
        for step in 0..<steps {
            let action = try policy.action(for: observation.map(Float.init))
            try environment.actionSpace.validate(action)
            let result = try environment.stepBytes(action)
            try frameWriter?.write(index: step + 1)
            var line = "{"
            if isImage {
                line += "\"obs_md5\": \"\(AtariEnvironments.md5(of: observation))\", \"action\": \(action.jsonDescription), "
                line += "\"reward\": \(result.reward.description), \"next_obs_md5\": \"\(AtariEnvironments.md5(of: result.observation))\", "
            } else {
                line += "\"obs\": \(Self.integers(observation)), \"action\": \(action.jsonDescription), "
                line += "\"reward\": \(result.reward.description), \"next_obs\": \(Self.integers(result.observation)), "
            }
            line += "\"terminated\": \(result.terminated), \"truncated\": \(result.truncated)"
            if let lives = lives() { line += ", \"lives\": \(lives)" }
            writer.write(line + "}")
            observation =
                result.terminated || result.truncated ? try environment.resetBytes(seed: nil) : result.observation
        }
    }

    static func integers(_ bytes: [UInt8]) -> String {
        "[" + bytes.map { String($0) }.joined(separator: ", ") + "]"
    }
}

/// Writes the emulator's screen as numbered PNG files into a directory.
struct FrameWriter {
    let directory: URL
    let save: (String) throws -> Void

    /// Creates `directory` if needed; throws a validation error for environments without a screen.
    init(directory path: String, environment: any Environment) throws {
        guard let atari = environment.unwrapped as? AtariEnvironment else {
            throw ValidationError("--frames needs an Atari environment")
        }
        save = { try atari.saveScreenPNG(to: $0) }
        directory = URL(fileURLWithPath: path, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the --frames directory \(path): \(error.localizedDescription)")
        }
    }

    func write(index: Int) throws {
        let name = String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index) + ".png"
        try save(directory.appendingPathComponent(name).path)
    }
}
#endif
