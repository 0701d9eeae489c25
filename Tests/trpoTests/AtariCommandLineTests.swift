import Foundation
import Testing

#if ALE
/// The Atari environments through the `trpo` executable (built with `--traits ALE`).
@Suite("trpo command line with ALE, end to end")
struct AtariCommandLineTests {
    /// ale-py's reset frame of ALE/Pong-v5 with seed 0, from the Atari parity fixture.
    static func referenceResetFrame() throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../AtariEnvironmentsTests/Fixtures/atari_reference.json")
        let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        let runs = try #require(fixture["raw_runs"] as? [[String: Any]])
        let pong = try #require(runs.first {
            $0["game"] as? String == "pong" && $0["sticky"] as? Double == 0.25 && $0["seed"] as? Int == 0
        })
        return try #require(pong["reset_frame"] as? String)
    }

    @Test func envsListsAtariIdsWithImageSpaces() throws {
        let (status, stdout, stderr) = try runTrpo(["envs", "--json"])
        #expect(status == 0, "\(stderr)")
        let lines = try jsonLines(stdout)
        let pong = try #require(lines.first { $0["id"] as? String == "ALE/Pong-v5" })
        let space = try #require(pong["observation_space"] as? [String: Any])
        #expect(space["shape"] as? [Int] == [210, 160, 3] && space["dtype"] as? String == "uint8")
        #expect(lines.contains { $0["id"] as? String == "Pong-ramNoFrameskip-v4" })
    }

    @Test func rolloutPrintsFrameDigestsLivesAndWritesPNGs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-frames-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, stdout, stderr) = try runTrpo([
            "rollout", "--env", "ALE/Breakout-v5", "--seed", "0", "--steps", "40", "--frames", directory.path,
        ])
        #expect(status == 0, "\(stderr)")
        let lines = try jsonLines(stdout)
        #expect(lines.count == 40)
        #expect(lines.allSatisfy {
            Set($0.keys) == ["obs_md5", "action", "reward", "next_obs_md5", "terminated", "truncated", "lives"]
        })
        #expect(lines.first?["lives"] as? Int == 5)
        for (line, next) in zip(lines, lines.dropFirst()) { #expect(line["next_obs_md5"] as? String == next["obs_md5"] as? String) }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 41 && files.first == "000000.png" && files.last == "000040.png")
        let png = try Data(contentsOf: directory.appendingPathComponent("000040.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func rolloutStartsFromAlePysResetFrame() throws {
        let (status, stdout, stderr) = try runTrpo(["rollout", "--env", "ALE/Pong-v5", "--seed", "0", "--steps", "1"])
        #expect(status == 0, "\(stderr)")
        #expect(try jsonLines(stdout).first?["obs_md5"] as? String == Self.referenceResetFrame())
    }

    @Test func ramRolloutPrintsTheRAM() throws {
        let (status, stdout, stderr) = try runTrpo(["rollout", "--env", "Pong-ramNoFrameskip-v4", "--steps", "3"])
        #expect(status == 0, "\(stderr)")
        for line in try jsonLines(stdout) {
            let ram = try #require(line["obs"] as? [Int])
            #expect(ram.count == 128 && ram.allSatisfy { (0...255).contains($0) })
        }
    }

    /// `trpo eval` of an Atari run plays whole games in the stack the run trained on (the raw
    /// id's spaces do not fit the policy): the requested number of games, whole-number unclipped
    /// Breakout scores, the same for the same seed, sampled by default and the mode on request.
    @Test func evalPlaysWholeGamesInTheTrainingStack() throws {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-atari-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: run) }
        let trained = try runTrpo([
            "train", "--algo", "ppo", "--env", "BreakoutNoFrameskip-v4", "--timesteps", "128", "--set", "n_envs=2",
            "--set", "n_steps=64", "--set", "policy_kwargs=dict(features_extractor_class=cnn_small)", "--seed", "0",
            "--run-dir", run.path, "--quiet",
        ])
        #expect(trained.status == 0, "\(trained.stderr)")
        func evaluate(_ extra: [String]) throws -> [Double] {
            let result = try runTrpo(["eval", "--run-dir", run.path, "--episodes", "2", "--seed", "5"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try jsonLines(result.stdout).last)
            return try #require(object["returns"] as? [Double])
        }
        let sampled = try evaluate([])
        #expect(sampled.count == 2 && sampled.allSatisfy { $0 >= 0 && $0 == $0.rounded() }, "\(sampled)")
        #expect(try evaluate([]) == sampled, "the same seed plays the same games")
        let mode = try evaluate(["--deterministic"])
        #expect(mode.count == 2 && mode.allSatisfy { $0 >= 0 && $0 == $0.rounded() }, "\(mode)")
        let changed = try runTrpo(["eval", "--run-dir", run.path, "--env-kwargs", "frameskip=2"])
        #expect(changed.status == 1 && changed.stderr.contains("does not apply to an Atari run"), "\(changed.stderr)")
    }

    @Test func unknownGamesAndFramesOnOtherEnvironmentsAreErrors() throws {
        let unknown = try runTrpo(["rollout", "--env", "ALE/Pongg-v5", "--steps", "1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("ALE/Pongg-v5"))
        let frames = try runTrpo(["rollout", "--env", "CartPole-v1", "--steps", "1", "--frames", "/tmp/unused"])
        #expect(frames.status != 0 && frames.stderr.contains("--frames needs an Atari environment"))
    }
}
#else
@Suite("trpo command line without the ALE trait")
struct AtariUnavailableCommandLineTests {
    @Test func atariIdsSayHowToEnableTheTrait() throws {
        for arguments in [["rollout", "--env", "ALE/Pong-v5"], ["train", "--env=PongNoFrameskip-v4"]] {
            let (status, stdout, stderr) = try runTrpo(arguments)
            #expect(status == 1 && stdout.isEmpty)
            #expect(stderr.contains("scripts/install-ale.sh") && stderr.contains("--traits ALE"), "\(stderr)")
        }
    }
}
#endif
