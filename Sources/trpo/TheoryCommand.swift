import ArgumentParser
import FiniteMDPs
import Foundation

extension PolicyUpdateMethod: ExpressibleByArgument {}

/// A failure of `trpo theory` after its arguments parsed (unreadable or invalid file, failed write).
struct TheoryCommandError: Error, CustomStringConvertible {
    /// The message printed after "Error: ", naming the file and the reason.
    let description: String
}

/// `trpo theory`: exact policy iteration on a finite MDP, checking the paper's bounds every step.
struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "Exact policy iteration on a finite MDP with Theorem 1's bound (Schulman et al. 2015, §2-§4).",
        discussion: """
            Prints one JSON object per update π_i → π_{i+1}: iteration, eta = η(π_{i+1}), surrogate = \
            L_{π_i}(π_{i+1}), kl_max, kl_mean (weighted by ρ_{π_i}), tv_max, bound (Theorem 1's \
            L − C·D_KL^max for penalty and constrained, Kakade-Langford's L − 2εγ/(1−γ)²·α² for mixture), \
            bound_holds, then eta_old = η(π_i), step (κ*, λ or α) and identities_hold. Infinite values \
            are written as null. Exits with status 1 if a check fails. See Documentation/Theory.md.
            """)

    @Option(help: "S, the number of states of the random MDP (default 10; taken from --mdp if given).")
    var states: Int?

    @Option(help: "A, the number of actions of the random MDP (default 3; taken from --mdp if given).")
    var actions: Int?

    @Option(help: "γ, the discount, in [0, 1) (default 0.9; taken from --mdp if given).")
    var gamma: Double?

    @Option(help: "Seed of the random MDP.")
    var seed: UInt64 = 0

    @Option(help: "Number of policy updates.")
    var iterations: Int = 20

    @Option(help: "Read the MDP (and its starting policy, if any) from this JSON file.")
    var mdp: String?

    @Option(help: "The update: penalty (Algorithm 1), constrained (mean KL ≤ δ) or mixture (Kakade-Langford).")
    var method: PolicyUpdateMethod = .penalty

    @Option(help: "δ, the mean-KL budget of --method constrained.")
    var delta: Double = 0.01

    @Option(name: .customLong("dump-mdp"), help: "Write the MDP with the final policy to this JSON file.")
    var dumpMDP: String?

    func validate() throws {
        if let states, states < 1 { throw ValidationError("--states must be at least 1, got \(states)") }
        if let actions, actions < 1 { throw ValidationError("--actions must be at least 1, got \(actions)") }
        if let gamma, !(gamma >= 0 && gamma < 1) { throw ValidationError("--gamma must lie in [0, 1), got \(gamma)") }
        guard iterations >= 0 else { throw ValidationError("--iterations must be non-negative, got \(iterations)") }
        guard delta.isFinite, delta > 0 else { throw ValidationError("--delta must be positive, got \(delta)") }
    }

    func run() throws {
        let (problem, startingPolicy) = try loadProblem()
        var iteration = try ExactPolicyIteration(
            mdp: problem, initialPolicy: startingPolicy, method: method, maxKL: delta)
        var failures: [Int] = []
        for _ in 0..<iterations {
            let record = try iteration.step()
            print(Self.jsonLine(record))
            let monotone = method == .constrained || record.returnDidNotDecrease
            if !(record.boundHolds && record.identitiesHold && monotone) { failures.append(record.iteration) }
        }
        if let dumpMDP {
            let document = try FiniteMDPDocument(mdp: problem, policy: iteration.policy)
            try writeAtomically(document.jsonData(), to: dumpMDP)
        }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data("trpo theory: a check failed at iterations \(failures)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The MDP and π0: from `--mdp` (π0 from its "policy", else uniform) or random from the seed.
    func loadProblem() throws -> (FiniteMDP, TabularPolicy) {
        guard let path = mdp else {
            let generated = try FiniteMDP.random(
                stateCount: states ?? 10, actionCount: actions ?? 3, discount: gamma ?? 0.9, seed: seed)
            return (generated, .uniform(stateCount: generated.stateCount, actionCount: generated.actionCount))
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TheoryCommandError(description: "cannot read --mdp \(path): \(error.localizedDescription)")
        }
        let document: FiniteMDPDocument
        do {
            document = try FiniteMDPDocument(jsonData: data)
        } catch {
            throw TheoryCommandError(description: "\(path): \(error.description)")
        }
        let loaded = document.mdp
        if let states, states != loaded.stateCount {
            throw TheoryCommandError(description: "--states \(states) conflicts with the \(loaded.stateCount) states in \(path)")
        }
        if let actions, actions != loaded.actionCount {
            throw TheoryCommandError(description: "--actions \(actions) conflicts with the \(loaded.actionCount) actions in \(path)")
        }
        if let gamma, gamma != loaded.discount {
            throw TheoryCommandError(description: "--gamma \(gamma) conflicts with gamma = \(loaded.discount) in \(path)")
        }
        return (loaded, document.policy ?? .uniform(stateCount: loaded.stateCount, actionCount: loaded.actionCount))
    }

    /// One JSON object, keys in a fixed order; non-finite numbers become null.
    static func jsonLine(_ record: PolicyIterationRecord) -> String {
        func number(_ value: Double) -> String { value.isFinite ? value.description : "null" }
        let fields: [(String, String)] = [
            ("iteration", String(record.iteration)),
            ("eta", number(record.expectedReturn)),
            ("surrogate", number(record.surrogate)),
            ("kl_max", number(record.maximumKL)),
            ("kl_mean", number(record.meanKL)),
            ("tv_max", number(record.maximumTotalVariation)),
            ("bound", number(record.bound)),
            ("bound_holds", String(record.boundHolds)),
            ("eta_old", number(record.previousReturn)),
            ("step", number(record.stepParameter)),
            ("identities_hold", String(record.identitiesHold)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Writes `data` to a temporary file in the destination's directory, then renames it over `path`,
    /// so readers see either the old file or the complete new one.
    func writeAtomically(_ data: Data, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
        } catch {
            throw TheoryCommandError(description: "cannot write --dump-mdp \(path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw TheoryCommandError(description: "cannot move the dump into place at \(path): \(reason)")
        }
    }
}
