import Foundation
import Testing

/// `trpo train --sampler NAME` through the built binary: one setting with `--set sampler=NAME`.
@Suite("trpo train --sampler, end to end")
struct SamplerFlagTests {
    /// A small run of CartPole: two iterations of 2 copies × 64 steps (with the vine: 12 rollout-set states).
    static let small = [
        "train", "--env", "CartPole-v1", "--timesteps", "256", "--seed", "4", "--quiet",
        "--set", "n_steps=64", "--set", "vine_states=12", "--set", "vine_horizon=20",
        "--set", "net_arch=[8]", "--set", "n_critic_updates=1",
    ]

    /// A run's progress rows without the wall-clock columns (`time/total_timesteps` kept), its
    /// config.json (written with sorted keys) and the sampler named there.
    func train(_ extra: [String]) throws -> (rows: [String], settings: String, sampler: String?) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-sampler-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runTrpo(Self.small + ["--run-dir", directory.path] + extra)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        let lines = try String(contentsOf: directory.appendingPathComponent("progress.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let kept = lines[0].indices.filter { !lines[0][$0].hasPrefix("time/") || lines[0][$0] == "time/total_timesteps" }
        let rows = lines.map { line in kept.map { line[$0] }.joined(separator: ",") }
        let settings = try Data(contentsOf: directory.appendingPathComponent("config.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: settings) as? [String: Any])
        return (rows, String(decoding: settings, as: UTF8.self), object["sampler"] as? String)
    }

    /// `--sampler vine` and `--set sampler=vine` give the same settings and the same progress rows,
    /// and they are a vine run: config.json says so and the rows differ from the single-path run's.
    @Test func flagAndSetGiveIdenticalRuns() throws {
        let flag = try train(["--sampler", "vine"])
        let set = try train(["--set", "sampler=vine"])
        let singlePath = try train(["--sampler", "single_path"])
        #expect(flag.rows.count == 3, "a header and two iterations: \(flag.rows)")
        #expect(flag.rows == set.rows)
        #expect(flag.settings == set.settings)
        #expect(flag.sampler == "vine" && singlePath.sampler == "single_path")
        #expect(flag.rows[1...] != singlePath.rows[1...])
        // The default is single path: the flag spelled out changes nothing.
        #expect(try train([]).rows == singlePath.rows)
    }

    /// An unknown name, a contradicting `--set`, and the flag with `--resume` fail with a message.
    @Test(arguments: [
        (["--sampler", "vines"], "--sampler must be one of single_path, vine"),
        (["--sampler", "vine", "--set", "sampler=single_path"], "contradicts --set sampler=single_path"),
    ])
    func badSamplerFailsClearly(arguments: [String], mention: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-sampler-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runTrpo(Self.small + ["--run-dir", directory.path] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(mention), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("config.json").path))
        let resume = try runTrpo(["train", "--resume", directory.path, "--sampler", "vine"])
        #expect(resume.status != 0 && resume.stderr.contains("--resume takes its settings from the run directory"))
    }
}
