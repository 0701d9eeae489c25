import ArgumentParser

/// The `trpo` command: Trust Region Policy Optimization and its family, from the command line.
@main
struct TrustRegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trpo",
        abstract: "Trust Region Policy Optimization (Schulman et al., 2015) and its family, on Linux CPUs.",
        subcommands: [
            TrainCommand.self,
            EvalCommand.self,
            EnvsCommand.self,
            RolloutCommand.self,
            PlotCommand.self,
            CompareCommand.self,
            TheoryCommand.self,
        ]
    )
}
