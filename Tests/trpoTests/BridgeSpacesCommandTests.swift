import Foundation
import Testing
import _TestSupport

/// Gymnasium environments of the test, written beside the runs: MultiBinary action and observation
/// spaces (of shapes (2, 3) and (6,)), and a class whose keyword arguments show in its observation.
private let fixtureModule = """
    import numpy as np
    import gymnasium as gym
    from gymnasium import spaces

    class BitsEcho(gym.Env):
        \"\"\"Observes the last action's six bits; earns one per bit equal to TARGET's; 10 steps.\"\"\"
        TARGET = np.array([[1, 0, 1], [0, 1, 1]], dtype=np.int8)
        observation_space = spaces.MultiBinary(6)
        action_space = spaces.MultiBinary([2, 3])

        def reset(self, *, seed=None, options=None):
            super().reset(seed=seed)
            self.t = 0
            return np.zeros(6, np.int8), {}

        def step(self, action):
            # The bridge must hand over the space's own dtype and shape.
            assert action.dtype == np.int8 and action.shape == (2, 3), (action.dtype, action.shape)
            assert self.action_space.contains(action), action
            self.t += 1
            return action.reshape(-1).copy(), float((action == self.TARGET).sum()), False, self.t >= 10, {}

    class Configurable(gym.Env):
        \"\"\"Observes its keyword arguments: (gain, flag is True, len(name) + limits[1]).\"\"\"
        observation_space = spaces.Box(-100.0, 100.0, (3,), np.float32)
        action_space = spaces.Discrete(2)

        def __init__(self, gain=1.0, flag=False, name="default", limits=(0.0, 0.0)):
            self.values = np.array([gain, float(flag is True), len(name) + limits[1]], np.float32)

        def reset(self, *, seed=None, options=None):
            super().reset(seed=seed)
            return self.values, {}

        def step(self, action):
            return self.values, 0.0, False, True, {}
    """

/// MultiBinary spaces and `--env-kwargs` through the Python bridge, end to end.
@Suite(.serialized, .enabled(if: TestPython.isAvailable, Comment(rawValue: TestPython.skipReason)))
struct BridgeSpacesCommandTests {
    let python = TestPython.interpreter ?? "python3"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trpo-spaces-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try fixtureModule.write(to: directory.appendingPathComponent("fixture_envs.py"), atomically: true, encoding: .utf8)
    }

    func trpo(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runTrpo(arguments + ["--python", python], in: directory)
    }

    /// The JSON lines of `trpo rollout`.
    func rollout(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try trpo(["rollout"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func numbers(_ value: Any?) -> [Double] { (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? [] }

    @Test func multiBinaryActionsReachTheEnvironmentAsTheirBits() throws {
        let lines = try rollout(["--env", "gym:fixture_envs:BitsEcho", "--steps", "40", "--seed", "2"])
        #expect(lines.count == 40)
        var ones = 0
        for line in lines {
            let action = numbers(line["action"])
            #expect(action.count == 6 && action.allSatisfy { $0 == 0 || $0 == 1 })
            // The observation is the action echoed by Python, the reward its matches with TARGET.
            #expect(numbers(line["next_obs"]) == action)
            let matches = zip(action, [1, 0, 1, 0, 1, 1] as [Double]).filter { $0 == $1 }.count
            #expect((line["reward"] as? NSNumber)?.doubleValue == Double(matches))
            ones += action.filter { $0 == 1 }.count
        }
        #expect((60...180).contains(ones), "uniform bits: \(ones) ones of 240")
    }

    @Test func trpoLearnsAMultiBinaryGymnasiumEnvironment() throws {
        let run = directory.appendingPathComponent("bits").path
        let trained = try trpo(
            ["train", "--env", "gym:fixture_envs:BitsEcho", "--timesteps", "6144", "--seed", "1", "--run-dir", run,
             "--quiet", "--set", "n_envs=1", "--set", "n_steps=512", "--set", "n_critic_updates=2"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let evaluated = try trpo(["eval", "--run-dir", run, "--episodes", "3"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let mean = try #require((result["mean_return"] as? NSNumber)?.doubleValue)
        // Uniform bits earn 30 of the 60 an episode can give; the learnt mode must be near all 60.
        #expect(mean >= 54, "mean return \(mean)")
        // examples/run_policy.py plays the Bernoulli policy on the user's class as trpo eval does.
        let played = try runPython(python, [runPolicyScript.path, run, "--episodes", "3"], in: directory)
        #expect(played.status == 0 && played.stdout == evaluated.stdout, "\(played.stdout) vs \(evaluated.stdout)")
    }

    @Test func environmentKeywordArgumentsReachTheClassAsPythonValues() throws {
        let lines = try rollout(
            ["--env", "gym:fixture_envs:Configurable", "--steps", "1",
             "--env-kwargs", "gain=2.5", "flag=true", "name=abcd", "limits=0.5,7.0"])
        #expect(numbers(lines.first?["obs"]) == [2.5, 1, 11])
        let defaults = try rollout(["--env", "gym:fixture_envs:Configurable", "--steps", "1"])
        #expect(numbers(defaults.first?["obs"]) == [1, 0, 7])
    }

    /// gym.make(id, **kwargs) for a registered id: CartPole's Sutton–Barto reward is 0 per step and
    /// −1 at the end; the run records the arguments in its id, so eval rebuilds the same variant.
    @Test func environmentKeywordArgumentsReachGymMake() throws {
        let plain = try rollout(["--env", "gym:CartPole-v1", "--steps", "60", "--seed", "4"])
        let sutton = try rollout(
            ["--env", "gym:CartPole-v1", "--steps", "60", "--seed", "4", "--env-kwargs", "sutton_barto_reward=True"])
        #expect(plain.allSatisfy { ($0["reward"] as? NSNumber)?.doubleValue == 1 })
        for (a, b) in zip(plain, sutton) {
            let ended = (b["terminated"] as? Bool) ?? false
            #expect((b["reward"] as? NSNumber)?.doubleValue == (ended ? -1 : 0))
            #expect(numbers(a["obs"]) == numbers(b["obs"]))
        }
        #expect(sutton.contains { ($0["terminated"] as? Bool) == true }, "a random CartPole episode ends within 60 steps")

        let run = directory.appendingPathComponent("sutton").path
        let trained = try trpo(
            ["train", "--env", "gym:CartPole-v1", "--env-kwargs", "sutton_barto_reward=True", "--timesteps", "512",
             "--run-dir", run, "--quiet", "--set", "n_envs=1", "--set", "n_steps=256", "--set", "n_critic_updates=1"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let config = try String(contentsOfFile: run + "/config.json", encoding: .utf8)
        #expect(config.contains("gym:CartPole-v1?sutton_barto_reward=True"), "\(config)")
        let evaluated = try trpo(["eval", "--run-dir", run, "--episodes", "2"])
        #expect(evaluated.status == 0 && evaluated.stdout.contains("\"returns\": [-1.0, -1.0]"), "\(evaluated.stdout)")

        let wrong = try trpo(["rollout", "--env", "gym:CartPole-v1", "--steps", "1", "--env-kwargs", "no_such_argument=1"])
        #expect(wrong.status != 0 && wrong.stderr.contains("no_such_argument"), "\(wrong.stderr)")
    }
}
