import Foundation
import Testing
import _TestSupport

/// examples/run_policy.py (NumPy, no TrustRegion) plays a run's policy.safetensors in Gymnasium and
/// picks the same actions as `trpo rollout --run-dir` and the same returns as `trpo eval` on the
/// same seed: a discrete policy (CartPole) and a Gaussian one with observation normalisation (Pendulum).
@Suite(.serialized, .enabled(if: TestPython.isAvailable, Comment(rawValue: TestPython.skipReason)))
struct PolicyExportTests {
    let python = TestPython.interpreter ?? "python3"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-export-\(UUID().uuidString)")
    let script = runPolicyScript

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func json(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// Each action as a list of numbers (a discrete action as a one-element list).
    func numbers(_ value: Any?) -> [Double] {
        if let list = value as? [Any] { return list.compactMap { ($0 as? NSNumber)?.doubleValue } }
        return [(value as? NSNumber)?.doubleValue ?? .nan]
    }

    /// `actionTolerance` and `returnTolerance` (relative) are 0 for the discrete policy; the Gaussian's
    /// mean goes through float32 in both, with trpo's rational tanh (|error| < 1e-6) against NumPy's.
    @Test(arguments: [
        ("CartPole-v1", [] as [String], 0.0, 0.0),
        ("Pendulum-v1", ["--set", "normalize=True"], 1e-4, 1e-5),
    ])
    func scriptPlaysTheSameActionsAsTrpo(environment: String, settings: [String], actionTolerance: Double, returnTolerance: Double)
        throws
    {
        let run = directory.appendingPathComponent(environment).path
        let trained = try runTrpo(
            ["train", "--env", environment, "--timesteps", "2048", "--seed", "3", "--run-dir", run, "--quiet",
             "--set", "n_envs=1", "--set", "n_steps=1024", "--set", "n_critic_updates=2"] + settings)
        #expect(trained.status == 0, "\(trained.stderr)")

        let actionsFile = directory.appendingPathComponent("\(environment).actions.jsonl")
        let played = try runPython(python, [script.path, run, "--episodes", "3", "--seed", "11", "--actions", actionsFile.path])
        #expect(played.status == 0)
        let evaluated = try runTrpo(["eval", "--run-dir", run, "--episodes", "3", "--seed", "11"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let scriptReturns = numbers(try json(played.stdout.split(separator: "\n").last ?? "")["returns"])
        let trpoReturns = numbers(try json(evaluated.stdout.split(separator: "\n").last ?? "")["returns"])
        #expect(scriptReturns.count == 3 && trpoReturns.count == 3)
        for (mine, theirs) in zip(scriptReturns, trpoReturns) {
            #expect(abs(mine - theirs) <= returnTolerance * abs(theirs), "returns \(scriptReturns) vs trpo eval \(trpoReturns)")
        }

        // Step by step: the script's actions against `trpo rollout --run-dir` over the same episodes.
        let scriptActions = try String(contentsOf: actionsFile, encoding: .utf8).split(separator: "\n")
            .map { numbers(try json($0)["action"]) }
        let rollout = try runTrpo(["rollout", "--run-dir", run, "--seed", "11", "--steps", "\(scriptActions.count)"])
        #expect(rollout.status == 0, "\(rollout.stderr)")
        let trpoActions = try rollout.stdout.split(separator: "\n").map { numbers(try json($0)["action"]) }
        #expect(scriptActions.count == trpoActions.count && scriptActions.count >= 3)
        var largest = 0.0
        for (mine, theirs) in zip(scriptActions, trpoActions) {
            #expect(mine.count == theirs.count)
            for (a, b) in zip(mine, theirs) { largest = max(largest, abs(a - b)) }
        }
        #expect(largest <= actionTolerance, "largest action difference \(largest) over \(scriptActions.count) steps")
    }
}

/// examples/run_policy.py of this package.
let runPolicyScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples/run_policy.py")

/// Runs `arguments` with `python` (in `workingDirectory` if given) and returns its exit status and stdout.
func runPython(_ python: String, _ arguments: [String], in workingDirectory: URL? = nil) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python == "python3" ? "/usr/bin/env" : python)
    process.arguments = (python == "python3" ? ["python3"] : []) + arguments
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
