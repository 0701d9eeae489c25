import Foundation
import Testing
import _TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A user's Gymnasium module, written outside the repository by the tests: a two-armed bandit
/// episode of 10 steps (arm 1 pays 1), and variants that fail in the ways the bridge must report.
private let userModule = """
    import os, signal
    import numpy as np
    import gymnasium as gym
    from gymnasium import spaces

    class Bandit(gym.Env):
        observation_space = spaces.Box(-1.0, 1.0, (1,), np.float32)
        action_space = spaces.Discrete(2)
        calls = 0

        def __init__(self):
            with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pids.txt"), "a") as pids:
                pids.write(f"{os.getpid()}\\n")
            self.t = 0

        def reset(self, *, seed=None, options=None):
            super().reset(seed=seed)
            self.t = 0
            return np.zeros(1, np.float32), {}

        def step(self, action):
            type(self).calls += 1
            self.t += 1
            return np.full(1, self.t / 10, np.float32), float(action == 1), False, self.t >= 10, {}

    class FailsInStep(Bandit):
        def step(self, action):
            if type(self).calls >= 600:
                raise ValueError("boom from the user's step")
            return super().step(action)

    class KilledInStep(Bandit):
        def step(self, action):
            if type(self).calls >= 600:
                os.kill(os.getpid(), signal.SIGKILL)
            return super().step(action)

    class NaNObservation(Bandit):
        def step(self, action):
            observation, reward, terminated, truncated, info = super().step(action)
            if type(self).calls >= 600:
                observation = np.full(1, np.nan, np.float32)
            return observation, reward, terminated, truncated, info

    class InfiniteReward(Bandit):
        def step(self, action):
            observation, reward, terminated, truncated, info = super().step(action)
            return observation, (float("inf") if type(self).calls >= 600 else reward), terminated, truncated, info

    class DictObservation(Bandit):
        observation_space = spaces.Dict({"x": spaces.Box(-1.0, 1.0, (1,), np.float32)})
    """

/// Small, fast settings for a debug build.
private let tiny = [
    "--set", "n_envs=1", "--set", "n_steps=256", "--set", "n_critic_updates=2", "--set", "checkpoint_interval=1",
]

@Suite("trpo train --env gym:..., end to end", .serialized, .enabled(if: TestPython.isAvailable, Comment(rawValue: TestPython.skipReason)))
struct BridgeCommandTests {
    let python = TestPython.interpreter ?? "python3"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-bridge-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try userModule.write(to: directory.appendingPathComponent("user_envs.py"), atomically: true, encoding: .utf8)
    }

    /// `trpo train` in the user's directory (where `user_envs.py` is) with the test interpreter.
    func train(_ arguments: [String], interpreter: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try runTrpo(
            ["train", "--python", interpreter ?? python] + arguments, in: directory)
    }

    func rows(_ run: String) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent("\(run)/progress.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// Both runs' progress rows are equal in every column but the clock's (time/total_timesteps kept).
    func expectSameRows(_ first: String, _ second: String) throws {
        let (reference, other) = (try rows(first), try rows(second))
        #expect(reference.count == other.count)
        let header = reference[0].split(separator: ",")
        for (a, b) in zip(reference.dropFirst(), other.dropFirst()) {
            for (column, (x, y)) in zip(header, zip(a.split(separator: ","), b.split(separator: ",")))
            where !column.hasPrefix("time/") || column == "time/total_timesteps" {
                #expect(x == y, "column \(column)")
            }
        }
    }

    /// The worker processes the user's environments ran in are all gone.
    func expectNoWorkerLeft() throws {
        let pids = try String(contentsOf: directory.appendingPathComponent("pids.txt"), encoding: .utf8)
            .split(separator: "\n").compactMap { pid_t($0) }
        #expect(!pids.isEmpty)
        for pid in pids { #expect(kill(pid, 0) != 0 && errno == ESRCH, "worker \(pid) outlived trpo") }
    }

    @Test func bridgedCartPoleGivesTheBuiltInProgressRows() throws {
        let common = ["--timesteps", "2048", "--seed", "4"] + tiny
        let builtIn = try train(common + ["--env", "CartPole-v1", "--run-dir", "builtin"])
        let bridged = try train(common + ["--env", "gym:CartPole-v1", "--run-dir", "bridged", "--threads", "2"])
        #expect(builtIn.status == 0 && bridged.status == 0, "\(builtIn.stderr)\n\(bridged.stderr)")
        #expect(try rows("builtin").count == 9)
        try expectSameRows("builtin", "bridged")
        // The same policy on the same episodes: `trpo eval` runs one bridged copy as a single environment.
        let evaluations = try ["builtin", "bridged"].map { run in
            try runTrpo(["eval", "--run-dir", run, "--episodes", "4", "--seed", "9", "--python", python], in: directory)
        }
        #expect(evaluations.allSatisfy { $0.status == 0 }, "\(evaluations.map(\.stderr))")
        #expect(evaluations[0].stdout == evaluations[1].stdout && evaluations[0].stdout.contains("mean_return"))
    }

    @Test func userClassInAFileOutsideTheRepositoryTrains() throws {
        let result = try train(["--env", "gym:user_envs:Bandit", "--timesteps", "6144", "--run-dir", "bandit"] + tiny)
        #expect(result.status == 0, "\(result.stderr)")
        let last = try #require(try rows("bandit").last).split(separator: ",").map(String.init)
        let header = try rows("bandit")[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "rollout/ep_rew_mean"))
        let meanReturn = try #require(Double(last[column]))
        // A uniform policy earns 5 per 10-step episode; TRPO must have learnt to prefer arm 1.
        #expect(meanReturn > 8, "mean episode return \(meanReturn)")
        try expectNoWorkerLeft()
    }

    @Test func exceptionInStepShowsTheTracebackAndKeepsTheCheckpoint() throws {
        let result = try train(["--env", "gym:user_envs:FailsInStep", "--timesteps", "4096", "--run-dir", "fails"] + tiny)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Traceback") && result.stderr.contains("boom from the user's step"), "\(result.stderr)")
        #expect(try rows("fails").count == 3, "two iterations of 256 steps finished before step 600")
        let checkpoint = directory.appendingPathComponent("fails/checkpoint.safetensors").path
        #expect(try FileManager.default.attributesOfItem(atPath: checkpoint)[.size] as? Int ?? 0 > 1000)
        try expectNoWorkerLeft()
    }

    /// An environment that returns a NaN observation or an infinite reward mid-run (at its 600th
    /// step, in the third iteration): a clear error naming the environment, the copy and the step,
    /// exit 1, and the checkpoint of iteration 2 intact — the resumed run loads it and continues to
    /// the same fault.
    @Test(arguments: [("NaNObservation", "observation"), ("InfiniteReward", "reward")])
    func nonFiniteEnvironmentStopsClearlyAndKeepsTheCheckpoint(environment: String, what: String) throws {
        let run = "nonfinite-\(environment)"
        let result = try train(["--env", "gym:user_envs:\(environment)", "--timesteps", "4096", "--run-dir", run] + tiny)
        #expect(result.status == 1)
        #expect(result.stderr.contains(environment) && result.stderr.contains(what), "\(result.stderr)")
        #expect(result.stderr.contains("copy 0") && result.stderr.contains("step"), "\(result.stderr)")
        #expect(try rows(run).count == 3, "two iterations of 256 steps finished before step 600")
        let resumed = try runTrpo(["train", "--resume", directory.appendingPathComponent(run).path, "--python", python], in: directory)
        #expect(resumed.status == 1 && resumed.stderr.contains(what), "\(resumed.stderr)")
        #expect(!resumed.stderr.contains("checkpoint") || !resumed.stderr.lowercased().contains("corrupt"), "\(resumed.stderr)")
        try expectNoWorkerLeft()
    }

    @Test func killedWorkerIsReported() throws {
        let result = try train(["--env", "gym:user_envs:KilledInStep", "--timesteps", "4096", "--run-dir", "killed"] + tiny)
        #expect(result.status != 0)
        #expect(result.stderr.contains("was killed by signal 9"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("killed/checkpoint.safetensors").path))
        try expectNoWorkerLeft()
    }

    @Test func killedBridgedRunResumesToTheUninterruptedRows() throws {
        let common = ["--env", "gym:CartPole-v1", "--timesteps", "3072", "--seed", "6", "--set", "n_envs=1",
            "--set", "n_steps=256", "--set", "n_critic_updates=2", "--set", "checkpoint_interval=2"]
        let whole = try train(common + ["--run-dir", "whole"])
        #expect(whole.status == 0, "\(whole.stderr)")
        // The same run killed (SIGKILL) after its 5th row, i.e. past the checkpoint at iteration 4.
        let process = Process()
        process.executableURL = trpoExecutable()
        process.arguments = ["train", "--python", python, "--quiet", "--run-dir", "cut"] + common
        process.currentDirectoryURL = directory
        try process.run()
        let progress = directory.appendingPathComponent("cut/progress.csv")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline,
            ((try? String(contentsOf: progress, encoding: .utf8))?.split(separator: "\n").count ?? 0) < 6
        {
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try rows("cut").count < 13, "the run was cut before its end, so the resume has work to do")
        let resumed = try train(["--resume", "cut", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try rows("whole").count == 13)
        try expectSameRows("whole", "cut")
    }

    @Test(arguments: [
        (["--env", "gym:CartPole-v1"], "/nonexistent/python3", "cannot start the Python interpreter"),
        (["--env", "gym:NoSuchEnvironment-v0"], nil, "Gymnasium has no environment"),
        (["--env", "gym:user_envs:DictObservation"], nil, "Dict observation space"),
        (["--env", "gym:CartPole-v1", "--set", "sampler=vine"], nil, "the vine sampler needs environment snapshots"),
    ] as [([String], String?, String)])
    func faultsFailClearly(arguments: [String], interpreter: String?, mention: String) throws {
        let result = try train(arguments + ["--timesteps", "512", "--run-dir", "fault"] + tiny, interpreter: interpreter)
        #expect(result.status != 0)
        #expect(result.stderr.contains(mention), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("fault/config.json").path))
    }

    @Test func missingGymnasiumSaysHowToInstallIt() throws {
        // The test interpreter without its site-packages (-S) cannot import gymnasium.
        let wrapper = directory.appendingPathComponent("python-without-packages")
        try "#!/bin/sh\nexec \(python) -S \"$@\"\n".write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let result = try train(["--env", "gym:CartPole-v1", "--timesteps", "512", "--run-dir", "nogym"], interpreter: wrapper.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot import gymnasium") && result.stderr.contains("pip install gymnasium"), "\(result.stderr)")
    }
}
