import Environments
import Foundation
import PolicyOptimization
import RunArtifacts

/// Trains and evaluates the runs of a comparison on a pool of worker threads.
///
/// Each run is an independent `TrainingRun` with its own environment copies and random streams,
/// so running several at once changes nothing in any of them.
final class CompareRunner: @unchecked Sendable {
    let plan: ComparePlan
    let directory: URL
    let threads: Int
    let log: CompareLog
    // Guarded by `lock`: the next run to hand out, the outcomes so far, the first failure.
    private let lock = NSLock()
    private var nextIndex = 0
    private var finished = 0
    private var outcomes: [RunOutcome?] = []
    private var failure: (any Error)?

    init(plan: ComparePlan, directory: URL, threads: Int, log: CompareLog) {
        self.plan = plan
        self.directory = directory
        self.threads = threads
        self.log = log
    }

    /// Runs everything with up to `workers` runs at once; after a failure no new run starts, and
    /// the first failure is thrown once the running ones end.
    func runAll(workers: Int) throws -> [RunOutcome] {
        let runs = plan.runs
        outcomes = Array(repeating: nil, count: runs.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, runs.count)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let index = take() {
                    do {
                        let outcome = try perform(runs[index])
                        record(outcome, at: index, of: runs.count)
                    } catch {
                        let run = runs[index]
                        fail(CompareError.runFailed(
                            algorithm: run.algorithm, seed: run.seed,
                            directory: ComparePlan.runDirectory(in: directory, algorithm: run.algorithm, seed: run.seed).path,
                            reason: "\(error)"))
                    }
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        if let failure { throw failure }
        return outcomes.compactMap { $0 }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, nextIndex < outcomes.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    private func record(_ outcome: RunOutcome, at index: Int, of total: Int) {
        lock.lock()
        outcomes[index] = outcome
        finished += 1
        let count = finished
        lock.unlock()
        let evaluation = SummaryFormat.number(outcome.meanReturn)
        log.line(
            "[\(count)/\(total)] \(outcome.algorithm.rawValue) seed \(outcome.seed): \(outcome.timesteps) steps in "
                + "\(SummaryFormat.number(outcome.trainingSeconds)) s, evaluation mean return \(evaluation)")
    }

    private func fail(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = error }
    }

    /// Trains one run (or resumes or reuses its directory), then evaluates its final policy.
    func perform(_ run: ComparePlan.Run) throws -> RunOutcome {
        let runDirectory = ComparePlan.runDirectory(in: directory, algorithm: run.algorithm, seed: run.seed)
        let configurationURL = TrainingRun.configurationURL(runDirectory)
        if FileManager.default.fileExists(atPath: configurationURL.path) {
            guard try AtomicFile.read(from: configurationURL) == run.specification.jsonData() else {
                throw CompareError.otherRun(directory: runDirectory.path)
            }
            if !FileManager.default.fileExists(atPath: TrainingRun.policyURL(runDirectory).path) {
                log.line("\(run.algorithm.rawValue) seed \(run.seed): resuming \(runDirectory.path)")
                try TrainingRun(resuming: runDirectory, threads: threads).run()
            } else {
                log.line("\(run.algorithm.rawValue) seed \(run.seed): reusing the finished run in \(runDirectory.path)")
            }
        } else {
            log.line("\(run.algorithm.rawValue) seed \(run.seed): training")
            try TrainingRun(starting: run.specification, in: runDirectory, threads: threads).run()
        }

        let progress = try ProgressTable(contentsOf: TrainingRun.progressURL(runDirectory))
        let seconds = try progress.values(of: "time/elapsed_s").last.flatMap { $0 } ?? .nan
        let steps = try progress.values(of: "time/total_timesteps").last.flatMap { $0 } ?? 0
        let curve = try progress.points(x: "time/total_timesteps", y: "rollout/ep_rew_mean")
        let (snapshot, id) = try loadPolicy(runDirectory: runDirectory.path)
        let returns = try snapshot.evaluate(
            on: try makeEnvironment(id), episodes: plan.evaluationEpisodes, seed: plan.evaluationSeed, deterministic: true)
        return RunOutcome(
            algorithm: run.algorithm, seed: run.seed, evaluationReturns: returns, trainingSeconds: seconds,
            timesteps: Int(steps), curve: curve)
    }
}
