import ArgumentParser
import Environments
import Foundation
import PolicyOptimization
import RunArtifacts

/// What `trpo compare` will run: the algorithms' settings and the seeds.
struct ComparePlan: Sendable {
    /// One training run of the comparison.
    struct Run: Sendable {
        let algorithm: Algorithm
        let seed: UInt64
        let specification: RunSpecification
    }

    let environmentID: String
    let algorithms: [Algorithm]
    let seeds: [UInt64]
    let timesteps: Int
    /// Each algorithm's run settings (the seed is set per run).
    let specifications: [Algorithm: RunSpecification]
    let evaluationEpisodes: Int
    let evaluationSeed: UInt64

    /// Every (algorithm, seed) pair, seed by seed, so early results cover every algorithm.
    var runs: [Run] {
        seeds.flatMap { seed in
            algorithms.compactMap { algorithm in
                guard var specification = specifications[algorithm] else { return nil }
                specification.seed = seed
                return Run(algorithm: algorithm, seed: seed, specification: specification)
            }
        }
    }

    /// OUT/runs/ALGO/seed-S.
    static func runDirectory(in root: URL, algorithm: Algorithm, seed: UInt64) -> URL {
        root.appendingPathComponent("runs").appendingPathComponent(algorithm.rawValue)
            .appendingPathComponent("seed-\(seed)")
    }

    /// The algorithms of `--algos`, in order; unknown or repeated names are errors.
    static func algorithms(_ text: String) throws -> [Algorithm] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.isEmpty else { throw ValidationError("--algos needs at least one algorithm") }
        var result: [Algorithm] = []
        for name in names {
            guard let algorithm = Algorithm(rawValue: name) else {
                throw ValidationError(
                    "--algos: unknown algorithm \"\(name)\"; expected "
                        + Algorithm.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !result.contains(algorithm) else { throw ValidationError("--algos: \"\(name)\" is listed twice") }
            result.append(algorithm)
        }
        return result
    }

    /// The seeds of `--seeds`: comma-separated numbers and inclusive ranges `a-b`, without repeats.
    static func seeds(_ text: String) throws -> [UInt64] {
        var result: [UInt64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let first = UInt64(bounds[0]), let last = UInt64(bounds[bounds.count - 1]),
                first <= last
            else {
                throw ValidationError("--seeds: \"\(part)\" is not a seed or a range a-b with a ≤ b (e.g. 0-4 or 0,3,7)")
            }
            guard last - first < 10_000 else { throw ValidationError("--seeds: the range \"\(part)\" is too long") }
            for seed in first...last {
                guard !result.contains(seed) else { throw ValidationError("--seeds: seed \(seed) is listed twice") }
                result.append(seed)
            }
        }
        return result
    }
}

/// One finished (or reused) run: its evaluation, time and learning curve.
struct RunOutcome: Sendable {
    let algorithm: Algorithm
    let seed: UInt64
    /// The returns of the evaluation episodes.
    let evaluationReturns: [Double]
    /// Wall-clock training seconds (progress.csv's last time/elapsed_s).
    let trainingSeconds: Double
    /// Environment steps taken.
    let timesteps: Int
    /// rollout/ep_rew_mean against time/total_timesteps.
    let curve: [ChartPoint]

    /// The mean evaluation return.
    var meanReturn: Double { evaluationReturns.reduce(0, +) / Double(max(evaluationReturns.count, 1)) }
}

/// Why a comparison run failed; names the run and its directory.
enum CompareError: Error, CustomStringConvertible {
    case runFailed(algorithm: Algorithm, seed: UInt64, directory: String, reason: String)
    case otherRun(directory: String)

    var description: String {
        switch self {
        case let .runFailed(algorithm, seed, directory, reason):
            "\(algorithm.rawValue) seed \(seed) (\(directory)): \(reason)"
        case let .otherRun(directory):
            "\(directory) holds a run with other settings; choose another --out or remove that directory"
        }
    }
}
