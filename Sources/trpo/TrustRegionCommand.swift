import ArgumentParser
import GymnasiumBridge

#if MuJoCo
import Foundation
import MuJoCoEnvironments
#endif

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

// MARK: - Start-up

extension TrustRegionCommand {
    /// Registers the environments of optional modules, then parses and runs the command line.
    static func main() {
        // `--env gym:ID` runs Gymnasium environments in Python workers (`--python` may replace the interpreter).
        GymnasiumBridge.register()
        #if MuJoCo
        // A model that fails to load leaves the other environments usable; say why once.
        do {
            try MuJoCoEnvironments.registerAll()
        } catch {
            FileHandle.standardError.write(Data("trpo: warning: MuJoCo environments not registered: \(error)\n".utf8))
        }
        #endif
        main(nil)
    }
}
