#if MuJoCo
import Foundation
import Testing

/// The MuJoCo environments through the `trpo` executable (built with `--traits MuJoCo`): listed,
/// rolled out with their physical state, trained on and evaluated.
@Suite("trpo command line with MuJoCo, end to end")
struct MuJoCoCommandLineTests {
    @Test func envsListsTheMuJoCoEnvironmentsAfterTheClassicOnes() throws {
        let (status, stdout, stderr) = try runTrpo(["envs", "--json"])
        #expect(status == 0 && stderr.isEmpty)
        let lines = try jsonLines(stdout)
        #expect(lines.compactMap { $0["id"] as? String }.suffix(21) == [
            "Reacher-v4", "Reacher-v5", "Pusher-v5", "InvertedPendulum-v4", "InvertedPendulum-v5",
            "InvertedDoublePendulum-v4", "InvertedDoublePendulum-v5", "HalfCheetah-v4", "HalfCheetah-v5",
            "Hopper-v4", "Hopper-v5", "Swimmer-v4", "Swimmer-v5", "Walker2d-v4", "Walker2d-v5", "Ant-v4", "Ant-v5",
            "Humanoid-v4", "Humanoid-v5", "HumanoidStandup-v4", "HumanoidStandup-v5",
        ])
        let hopper = try #require(lines.first { $0["id"] as? String == "Hopper-v4" })
        #expect(hopper["max_episode_steps"] as? Int == 1000)
        #expect(hopper["reward_threshold"] as? Double == 3800)
        let actionSpace = try #require(hopper["action_space"] as? [String: Any])
        #expect(actionSpace["low"] as? [Double] == [-1, -1, -1] && actionSpace["high"] as? [Double] == [1, 1, 1])
    }

    @Test func rolloutAddsTheStateBeforeEachStep() throws {
        let (status, stdout, stderr) = try runTrpo(["rollout", "--env", "Hopper-v4", "--seed", "5", "--steps", "200"])
        #expect(status == 0, "\(stderr)")
        let lines = try jsonLines(stdout)
        #expect(lines.count == 200)
        #expect(lines.allSatisfy {
            Set($0.keys) == ["obs", "action", "reward", "next_obs", "terminated", "truncated", "qpos", "qvel"]
        })
        var ends = 0
        for (index, line) in lines.enumerated() {
            let positions = try #require(line["qpos"] as? [Double])
            let velocities = try #require(line["qvel"] as? [Double])
            #expect(positions.count == 6 && velocities.count == 6, "Hopper's nq = nv = 6")
            // Hopper-v4's observation is qpos[1:] then clip(qvel, ±10), so the state is the one
            // before the step: it gives this line's "obs" (to float32 rounding).
            let observation = try #require(line["obs"] as? [Double])
            let expected = Array(positions.dropFirst()) + velocities.map { min(max($0, -10), 10) }
            #expect(zip(observation, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }, "line \(index)")
            if line["terminated"] as? Bool == true || line["truncated"] as? Bool == true { ends += 1 }
        }
        #expect(ends >= 1, "random actions make the hopper fall within 200 steps")
    }

    @Test func environmentArgumentsAreRecordedAndRebuiltByEval() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("trpo-mujoco-kwargs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, _, stderr) = try runTrpo([
            "train", "--env", "Hopper-v5", "--env-kwargs", "exclude_current_positions_from_observation=False",
            "--env-kwargs", "healthy_z_range=(0.8, inf)", "--timesteps", "512", "--quiet", "--run-dir", directory.path,
            "--set", "n_steps=256", "--set", "n_critic_updates=1",
        ])
        #expect(status == 0, "\(stderr)")
        let settings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("config.json")))
                as? [String: Any])
        #expect(settings["env"] as? String
            == "Hopper-v5?exclude_current_positions_from_observation=False&healthy_z_range=(0.8, inf)")
        #expect(settings["batch_size"] as? Int == 128, "the zoo's Hopper-v5 settings apply to the variant")
        let (evalStatus, stdout, evalErrors) = try runTrpo(["eval", "--run-dir", directory.path, "--episodes", "2"])
        #expect(evalStatus == 0, "\(evalErrors)")
        #expect(try jsonLines(stdout).first?["returns"] as? [Double] != nil)
        // The rollout of that environment shows the 12-wide observation (qpos[0] included).
        let (rolloutStatus, lines, _) = try runTrpo([
            "rollout", "--env", "Hopper-v5", "--env-kwargs", "exclude_current_positions_from_observation=False",
            "--steps", "1",
        ])
        #expect(rolloutStatus == 0)
        #expect((try jsonLines(lines).first?["obs"] as? [Double])?.count == 12)
        let (badStatus, _, badErrors) = try runTrpo([
            "train", "--env", "Hopper-v5", "--env-kwargs", "healthy_z=1", "--run-dir", directory.path + "-bad",
        ])
        #expect(badStatus != 0 && badErrors.contains("healthy_z") && badErrors.contains("healthy_z_range"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "-bad"))
    }

    @Test func trainsAndEvaluatesOnInvertedPendulum() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("trpo-mujoco-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two short iterations of the zoo settings (normalised observations and rewards, 2 copies).
        let (status, _, stderr) = try runTrpo([
            "train", "--env", "InvertedPendulum-v4", "--timesteps", "1024", "--seed", "1", "--quiet",
            "--run-dir", directory.path, "--set", "n_steps=256", "--set", "n_critic_updates=2",
        ])
        #expect(status == 0, "\(stderr)")
        let settings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("config.json")))
                as? [String: Any])
        #expect(settings["norm_obs"] as? Bool == true && settings["norm_reward"] as? Bool == true)
        #expect(settings["cg_max_steps"] as? Int == 25 && settings["n_envs"] as? Int == 2)
        let progress = try String(contentsOf: directory.appendingPathComponent("progress.csv"), encoding: .utf8)
        #expect(progress.split(separator: "\n").count == 3, "a header and 2 iterations of 2 × 256 steps")

        let (evalStatus, stdout, evalErrors) = try runTrpo([
            "eval", "--run-dir", directory.path, "--episodes", "3", "--seed", "2",
        ])
        #expect(evalStatus == 0, "\(evalErrors)")
        let result = try #require(try jsonLines(stdout).first)
        let returns = try #require(result["returns"] as? [Double])
        // InvertedPendulum pays 1 per step, for at most 1000 steps.
        #expect(returns.count == 3 && returns.allSatisfy { $0 >= 1 && $0 <= 1000 })
    }
}
#endif
