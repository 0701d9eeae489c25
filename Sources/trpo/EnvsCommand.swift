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
                    specification.id, observationDescription(specification),
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

    /// Gymnasium's text of the observation space, with its shape and dtype for image and byte boxes.
    private func observationDescription(_ specification: EnvironmentSpecification) -> String {
        guard let layout = specification.observationLayout, case .box(let low, let high) = specification.observationSpace,
            let lowest = low.first, let highest = high.first
        else { return specification.observationSpace.gymnasiumDescription }
        return layout.gymnasiumDescription(low: lowest, high: highest)
    }

    private func observationJSON(_ specification: EnvironmentSpecification) -> String {
        guard let layout = specification.observationLayout, case .box(let low, let high) = specification.observationSpace,
            let lowest = low.first, let highest = high.first
        else { return specification.observationSpace.jsonDescription }
        return layout.jsonDescription(low: lowest, high: highest)
    }

    private func jsonLine(_ specification: EnvironmentSpecification) -> String {
        "{\"id\": \"\(specification.id)\", \"observation_space\": \(observationJSON(specification)), "
            + "\"action_space\": \(specification.actionSpace.jsonDescription), "
            + "\"max_episode_steps\": \(specification.maxEpisodeSteps.map(String.init) ?? "null"), "
            + "\"reward_threshold\": \(specification.rewardThreshold.map { $0.description } ?? "null")}"
    }
}
