import ArgumentParser
import Environments

/// `trpo envs`: lists the registered environments with their spaces.
struct EnvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "List the registered environments with their spaces, time limits and reward thresholds.")

    @Flag(help: "One JSON object per environment instead of a table.")
    var json = false

    func run() throws {
        let specifications = EnvironmentRegistry.shared.specifications
        if json {
            for specification in specifications { print(jsonLine(specification)) }
            return
        }
        let rows =
            [["id", "observation space", "action space", "max steps", "reward threshold"]]
            + specifications.map { specification in
                [
                    specification.id, specification.observationSpace.gymnasiumDescription,
                    specification.actionSpace.gymnasiumDescription,
                    specification.maxEpisodeSteps.map(String.init) ?? "-",
                    specification.rewardThreshold.map { $0.description } ?? "-",
                ]
            }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, text in
                column == 4 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    private func jsonLine(_ specification: EnvironmentSpecification) -> String {
        "{\"id\": \"\(specification.id)\", \"observation_space\": \(specification.observationSpace.jsonDescription), "
            + "\"action_space\": \(specification.actionSpace.jsonDescription), "
            + "\"max_episode_steps\": \(specification.maxEpisodeSteps.map(String.init) ?? "null"), "
            + "\"reward_threshold\": \(specification.rewardThreshold.map { $0.description } ?? "null")}"
    }
}
