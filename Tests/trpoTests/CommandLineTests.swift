import Foundation
import Testing

func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "each line is a JSON object: \(line)")
    }
}

@Suite("trpo command line, end to end")
struct CommandLineTests {
    @Test func rolloutWritesOneTransitionPerLineWithResets() throws {
        let (status, stdout, _) = try runTrpo(["rollout", "--env", "CartPole-v1", "--seed", "3", "--steps", "300"])
        #expect(status == 0)
        let lines = try jsonLines(stdout)
        #expect(lines.count == 300)
        #expect(
            lines.allSatisfy { Set($0.keys) == ["obs", "action", "reward", "next_obs", "terminated", "truncated"] })
        // Gymnasium's CartPole-v1 reset(seed=3), as float32.
        let first = try #require(lines.first?["obs"] as? [Double])
        #expect(first.map { Float($0) } == [-0.04143508, -0.026318949, 0.030127447, 0.008216203])
        var episodeEnds = 0
        for (index, line) in lines.enumerated().dropLast() {
            let ended = (line["terminated"] as? Bool == true) || (line["truncated"] as? Bool == true)
            let nextObservation = try #require(line["next_obs"] as? [Double])
            let following = try #require(lines[index + 1]["obs"] as? [Double])
            if ended {
                episodeEnds += 1
            } else {
                #expect(following == nextObservation, "line \(index + 1) continues the episode")
            }
            #expect([0, 1].contains(line["action"] as? Int), "CartPole actions are numbers")
            #expect(line["reward"] as? Double == 1)
        }
        #expect(episodeEnds > 3, "random CartPole episodes end within 300 steps")
    }

    @Test func rolloutIsReproducibleAndPrintsBoxActionsAsArrays() throws {
        let arguments = ["rollout", "--env", "Pendulum-v1", "--seed", "9", "--steps", "205"]
        let (status, first, _) = try runTrpo(arguments)
        let (_, second, _) = try runTrpo(arguments)
        #expect(status == 0)
        #expect(first == second)
        let lines = try jsonLines(first)
        let action = try #require(lines[0]["action"] as? [Double])
        #expect(action.count == 1 && abs(action[0]) <= 2)
        #expect(lines[199]["truncated"] as? Bool == true, "Pendulum's 200-step time limit")
        // Shortest round-trip text: every printed number parses back to the same Float.
        let text = first.split(separator: "\n")[0]
        #expect(!text.contains("e+") && text.contains("\"reward\": -"))
    }

    @Test func unknownEnvironmentFailsWithTheKnownIds() throws {
        let (status, stdout, stderr) = try runTrpo(["rollout", "--env", "CartPole-v9", "--steps", "3"])
        #expect(status != 0)
        #expect(stdout.isEmpty)
        #expect(stderr.contains("unknown environment id \"CartPole-v9\""))
        #expect(stderr.contains("CartPole-v1"))
    }

    @Test func envsListsTheRegistryAsJSON() throws {
        let (status, stdout, _) = try runTrpo(["envs", "--json"])
        #expect(status == 0)
        let lines = try jsonLines(stdout)
        #expect(
            lines.compactMap { $0["id"] as? String }.prefix(5)
                == ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1"])
        let pendulum = try #require(lines.first { $0["id"] as? String == "Pendulum-v1" })
        let actionSpace = try #require(pendulum["action_space"] as? [String: Any])
        #expect(actionSpace["type"] as? String == "Box")
        #expect(actionSpace["low"] as? [Double] == [-2])
        #expect(pendulum["max_episode_steps"] as? Int == 200)
        #expect(pendulum["reward_threshold"] is NSNull)
        let (tableStatus, table, _) = try runTrpo(["envs"])
        #expect(tableStatus == 0)
        #expect(table.contains("Acrobot-v1") && table.contains("Discrete(3)"))
    }
}
