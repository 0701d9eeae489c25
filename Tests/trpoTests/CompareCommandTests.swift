import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `trpo compare` with `arguments`, through the built binary.
private func runCompare(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runTrpo(["compare"] + arguments)
}

@Suite("trpo compare, end to end", .serialized)
struct CompareCommandTests {
    /// Two algorithms × two seeds × 512 steps of CartPole, with every setting shrunk for a debug build.
    static let tinySettings = [
        "--env", "CartPole-v1", "--algos", "trpo,ppo", "--seeds", "0-1", "--timesteps", "512", "--eval-episodes", "2",
        "--set", "n_envs=1", "--set", "n_steps=256", "--set", "batch_size=128", "--set", "n_critic_updates=2",
        "--set", "n_epochs=2",
    ]

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("CompareCommandTests-\(UUID().uuidString)")
    }

    @Test func writesRunDirectoriesSummaryTableAndCurves() throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let (status, _, stderr) = try runCompare(Self.tinySettings + ["--out", out.path, "--jobs", "2"])
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("[4/4]"))

        for algorithm in ["trpo", "ppo"] {
            for seed in 0...1 {
                let run = out.appendingPathComponent("runs/\(algorithm)/seed-\(seed)")
                for file in ["config.json", "progress.csv", "policy.safetensors", "checkpoint.safetensors"] {
                    #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(file).path), "\(run.path)/\(file)")
                }
            }
        }

        let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.compactMap { $0["algo"] as? String } == ["trpo", "ppo"])
        for row in rows {
            #expect(row["seeds"] as? [Int] == [0, 1])
            let perSeed = try #require(row["seed_mean_returns"] as? [Double])
            let mean = try #require(row["final_mean_return"] as? Double)
            let deviation = try #require(row["final_std_return"] as? Double)
            // The mean and the (population) standard deviation of the two per-seed means.
            #expect(abs(mean - (perSeed[0] + perSeed[1]) / 2) < 1e-9)
            #expect(abs(deviation - abs(perSeed[0] - perSeed[1]) / 2) < 1e-9)
            #expect(perSeed.allSatisfy { $0 >= 8 && $0 <= 500 }, "CartPole returns")
            let seconds = try #require(row["seconds"] as? Double)
            let speed = try #require(row["steps_per_second"] as? Double)
            #expect(seconds > 0 && speed > 0 && abs(speed * seconds - 512) < 1, "512 steps per run")
        }

        let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# CartPole-v1\n"))
        #expect(markdown.contains("| algorithm |") && markdown.contains("| trpo ") && markdown.contains("| ppo "))

        let document = try XMLDocument(data: try Data(contentsOf: out.appendingPathComponent("curves.svg")), options: [])
        let svg = try #require(document.rootElement())
        #expect(svg.name == "svg")
        let title = try svg.nodes(forXPath: "//*[local-name()='text'][@class='chart-title']").map { $0.stringValue ?? "" }
        #expect(title == ["CartPole-v1"])
        let legend = try svg.nodes(forXPath: "//*[local-name()='g'][contains(@class,'legend-entry')]").map { $0.stringValue ?? "" }
        #expect(legend == ["trpo", "ppo"])
        #expect(try svg.nodes(forXPath: "//*[local-name()='path'][@class='line']").count == 2)
        #expect(try svg.nodes(forXPath: "//*[local-name()='polygon'][@class='band']").count == 2)
        #expect(try svg.nodes(forXPath: "//*[local-name()='g'][contains(@class,'x-axis')]//*[local-name()='g'][@class='tick']").count >= 2)

        // Running again reuses the finished runs and writes the same summary, byte for byte.
        let (again, _, againErrors) = try runCompare(Self.tinySettings + ["--out", out.path, "--jobs", "1"])
        #expect(again == 0 && againErrors.contains("reusing"))
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == data)
    }

    @Test func parallelAndSerialRunsAreIdentical() throws {
        let (serial, parallel) = (Self.temporaryDirectory(), Self.temporaryDirectory())
        defer {
            try? FileManager.default.removeItem(at: serial)
            try? FileManager.default.removeItem(at: parallel)
        }
        let settings = Self.tinySettings.map { $0 == "trpo,ppo" ? "ppo" : $0 }
        #expect(try runCompare(settings + ["--out", serial.path, "--jobs", "1", "--quiet"]).status == 0)
        #expect(try runCompare(settings + ["--out", parallel.path, "--jobs", "2", "--threads", "2", "--quiet"]).status == 0)
        for seed in 0...1 {
            let policy = "runs/ppo/seed-\(seed)/policy.safetensors"
            #expect(
                try Data(contentsOf: serial.appendingPathComponent(policy))
                    == Data(contentsOf: parallel.appendingPathComponent(policy)))
        }
    }

    @Test func badArgumentsFailWithClearMessages() throws {
        let out = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let unknown = try runCompare(["--env", "CartPole-v1", "--algos", "trpo,a2c", "--timesteps", "10", "--out", out.path])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown algorithm \"a2c\"") && unknown.stderr.contains("vpg-euclidean"))
        let seeds = try runCompare(["--env", "CartPole-v1", "--seeds", "4-1", "--timesteps", "10", "--out", out.path])
        #expect(seeds.status != 0 && seeds.stderr.contains("--seeds"))
        let algo = try runCompare(["--env", "CartPole-v1", "--timesteps", "10", "--out", out.path, "--set", "algo=ppo"])
        #expect(algo.status != 0 && algo.stderr.contains("--algos"))
        let environment = try runCompare(["--env", "CartPole-v9", "--timesteps", "10", "--out", out.path])
        #expect(environment.status == 1 && environment.stderr.contains("trpo compare: error:"))
        #expect(environment.stderr.contains("CartPole-v9"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
    }
}
