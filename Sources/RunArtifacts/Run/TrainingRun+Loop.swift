import Foundation
import PolicyOptimization

/// An iteration of the on-policy loop failed (an environment fault, say); nothing of it was written.
public struct IterationFailure: Error, CustomStringConvertible {
    /// The 1-based iteration that failed.
    public let iteration: Int
    /// The environment steps of the run completed before the iteration began.
    public let timestepsBefore: Int
    /// The iteration of the last checkpoint on disk, if any.
    public let lastCheckpoint: Int?
    /// What went wrong (e.g. a ``CopyStepError`` naming the environment, copy and step).
    public let underlying: any Error

    /// One line naming the iteration, the cause and what is still on disk.
    public var description: String {
        let kept = lastCheckpoint.map { "the last checkpoint (iteration \($0)) is intact" } ?? "no checkpoint was written yet"
        return "iteration \(iteration) (after \(timestepsBefore) environment steps) failed: \(underlying); \(kept)"
    }
}

// MARK: - The loop

extension TrainingRun {
    /// How `run` ended.
    public enum Outcome: Sendable, Equatable {
        /// The budget was reached; the final checkpoint and policy.safetensors are written.
        case finished
        /// A stop was requested; the iteration under way was completed and checkpointed, so
        /// `--resume` continues with the same rows as an uninterrupted run.
        case stopped(afterIteration: Int)
    }

    /// Trains to the budget, writing a progress row per iteration and checkpoints as configured;
    /// `onIteration` sees each row (the CLI prints it).
    ///
    /// `stopRequested` is asked after each iteration (the CLI's signal handler sets it): when it
    /// says yes, the finished iteration's checkpoint is written and the run returns `.stopped`.
    /// Whatever way `run` ends, the directory's lock is released.
    ///
    /// - Throws: ``IterationFailure`` if an iteration fails, ``RunIntegrityError`` rather than
    ///   writing a non-finite tensor, ``FileOperationError`` if a write fails; the last checkpoint
    ///   on disk is then untouched (checkpoints are replaced atomically).
    @discardableResult
    public func run(
        onIteration: (IterationMetrics) throws -> Void = { _ in }, stopRequested: () -> Bool = { false }
    ) throws -> Outcome {
        defer { lock.release() }
        let trainer = agent.trainer
        let start = Date()
        let stepsAtStart = trainer.totalTimesteps
        let interval = specification.configuration.checkpointInterval
        while trainer.totalTimesteps < specification.totalTimesteps {
            let timestepsBefore = trainer.totalTimesteps
            var metrics: IterationMetrics
            do {
                metrics = try trainer.runIteration()
            } catch {
                throw IterationFailure(
                    iteration: trainer.iteration + 1, timestepsBefore: timestepsBefore,
                    lastCheckpoint: lastCheckpointIteration, underlying: error)
            }
            let sessionSeconds = Date().timeIntervalSince(start)
            metrics.elapsedSeconds = elapsedBeforeStart + sessionSeconds
            metrics.framesPerSecond = Double(trainer.totalTimesteps - stepsAtStart) / max(sessionSeconds, 1e-9)
            if !metrics.update.lineSearchSucceeded { skippedUpdatesBeforeStart += 1 }
            if metrics.criticFitSkipReason != nil { skippedUpdatesBeforeStart += 1 }
            metrics.skippedUpdates = skippedUpdatesBeforeStart
            metrics.ranks = ranks
            try progress.append(row: progressRow(metrics))
            try tensorBoard.append(step: trainer.totalTimesteps, columns: IterationMetrics.columns, values: metrics.values)
            try onIteration(metrics)
            guard trainer.totalTimesteps < specification.totalTimesteps else { break }
            // Asked once, so a signal arriving in between cannot skip the checkpoint of a stop.
            let stopping = stopRequested()
            if trainer.iteration % interval == 0 || stopping {
                try writeCheckpoint()
            }
            if stopping {
                progress.close()
                tensorBoard.close()
                return .stopped(afterIteration: trainer.iteration)
            }
        }
        try writeCheckpoint()
        try writePolicy()
        progress.close()
        tensorBoard.close()
        return .finished
    }

    /// Writes checkpoint.safetensors atomically, refusing a state with a non-finite tensor.
    func writeCheckpoint() throws {
        let url = Self.checkpointURL(directory)
        let file = try Checkpoint.file(state: try agent.trainer.state(), specification: specification)
        try file.requireFinite(path: url.path)
        try file.write(to: url)
        lastCheckpointIteration = agent.trainer.iteration
    }

    /// The metrics as cells of progress.csv's columns, by name: a file begun before a column
    /// existed (`time/ranks`) keeps its header and gets only the columns it has.
    func progressRow(_ metrics: IterationMetrics) -> [Double?] {
        if progress.columns == IterationMetrics.columns { return metrics.values }
        let cells = Dictionary(uniqueKeysWithValues: zip(IterationMetrics.columns, metrics.values))
        return progress.columns.map { cells[$0] }
    }

    /// Writes policy.safetensors atomically, refusing non-finite parameters.
    func writePolicy() throws {
        let url = Self.policyURL(directory)
        let snapshot = PolicySnapshot(trainer: agent.trainer, normalizer: agent.normalizer)
        let file = try PolicyFile.file(snapshot, environmentID: specification.environmentID)
        try file.requireFinite(path: url.path)
        try file.write(to: url)
    }

    /// Removes the temporary files of atomic writes that a killed process left behind (the
    /// caller holds the directory's lock, so no other writer can own them).
    static func removeAbandonedTemporaryFiles(in directory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
