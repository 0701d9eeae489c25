import Foundation
import Testing

/// `trpo train` and `trpo eval` through the built binary.
@Suite("trpo train and eval, end to end")
struct TrainCommandTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trpo-\(name)-\(UUID().uuidString)").path
    }

    @Test func trainWritesARunDirectoryAndEvalReadsIt() throws {
        let directory = temporaryPath("train")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let train = try runTrpo([
            "train", "--env", "CartPole-v1", "--timesteps", "1024", "--seed", "3", "--run-dir", directory,
            "--set", "net_arch=[16]", "--set", "n_critic_updates=2", "--set", "checkpoint_interval=1",
        ])
        #expect(train.status == 0, "stderr: \(train.stderr)")
        for file in ["config.json", "progress.csv", "checkpoint.safetensors", "policy.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(file)"), "\(file)")
        }
        let progress = try String(contentsOfFile: "\(directory)/progress.csv", encoding: .utf8)
        let header = progress.split(separator: "\n")[0].split(separator: ",").map(String.init)
        for column in [
            "time/total_timesteps", "time/fps", "time/elapsed_s", "time/ranks", "rollout/ep_rew_mean", "rollout/ep_len_mean",
            "train/kl_divergence", "train/surrogate_improvement", "train/expected_improvement",
            "train/line_search_steps", "train/is_line_search_success", "train/entropy", "train/value_loss",
            "train/explained_variance",
        ] {
            #expect(header.contains(column), "column \(column)")
        }
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/config.json")))
        let settings = try #require(config as? [String: Any])
        #expect(settings["env"] as? String == "CartPole-v1" && settings["n_steps"] as? Int == 512)

        let evaluation = try runTrpo(["eval", "--run-dir", directory, "--episodes", "3", "--seed", "1"])
        #expect(evaluation.status == 0, "stderr: \(evaluation.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(evaluation.stdout.utf8)) as? [String: Any])
        let returns = try #require(object["returns"] as? [Double])
        #expect(returns.count == 3 && object["episodes"] as? Int == 3)
        #expect(abs((object["mean_return"] as? Double ?? 0) - returns.reduce(0, +) / 3) < 1e-9)
    }

    /// Bad input: a clear message naming the problem, a non-zero exit, and no run directory.
    @Test(arguments: [
        (["--env", "CartPole-v0"], "CartPole-v0"),
        (["--env", "CartPole-v1", "--set", "target_kl=0"], "target_kl"),
        (["--env", "CartPole-v1", "--set", "n_stepz=3"], "n_stepz"),
        (["--env", "CartPole-v1", "--set", "gamma=1.5"], "gamma"),
        (["--env", "CartPole-v1", "--config", "/nonexistent/zoo.yml"], "/nonexistent/zoo.yml"),
    ])
    func badInputFailsClearly(arguments: [String], mention: String) throws {
        let directory = temporaryPath("bad")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try runTrpo(["train", "--timesteps", "512", "--run-dir", directory] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(mention), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/config.json"))
    }

    @Test func evalOfMissingOrCorruptPolicyFailsClearly() throws {
        let directory = temporaryPath("corrupt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = try runTrpo(["eval", "--run-dir", directory])
        #expect(missing.status != 0 && missing.stderr.contains("policy.safetensors"))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("not a safetensors file".utf8).write(to: URL(fileURLWithPath: "\(directory)/policy.safetensors"))
        let corrupt = try runTrpo(["eval", "--run-dir", directory])
        #expect(corrupt.status != 0 && corrupt.stderr.contains("policy.safetensors"), "stderr: \(corrupt.stderr)")
    }
}
