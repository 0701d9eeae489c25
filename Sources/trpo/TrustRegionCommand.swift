import ArgumentParser
import AtariEnvironments
import Foundation
import GymnasiumBridge

#if MuJoCo
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
        registerAtariEnvironments()
        main(nil)
    }
}

// MARK: - Atari (the `ALE` trait)

extension TrustRegionCommand {
    /// With the `ALE` trait, registers the Atari ids (a missing installation is a warning, as for
    /// MuJoCo); without it, an Atari id given with `--env` stops here with how to enable the trait,
    /// rather than as an unknown id.
    static func registerAtariEnvironments() {
        if AtariEnvironments.isAvailable {
            do {
                try AtariEnvironments.registerAll()
            } catch {
                FileHandle.standardError.write(Data("trpo: warning: Atari environments not registered: \(error)\n".utf8))
            }
            return
        }
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            let id: String?
            if argument == "--env", index + 1 < arguments.count {
                id = arguments[index + 1]
            } else if argument.hasPrefix("--env=") {
                id = String(argument.dropFirst("--env=".count))
            } else {
                id = nil
            }
            if let id, AtariEnvironments.looksLikeAtariId(id) {
                FileHandle.standardError.write(Data("trpo: \(AtariError.unavailable(id: id))\n".utf8))
                Foundation.exit(1)
            }
        }
    }
}
