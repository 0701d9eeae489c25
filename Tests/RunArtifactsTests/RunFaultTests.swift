import Environments
import Foundation
import PolicyOptimization
import Testing
import _TestSupport
@testable import RunArtifacts

#if canImport(Glibc)
import Glibc
#endif

/// What a run does when its directory is busy, a write fails or the environment breaks: a clear
/// error naming the culprit, and the last checkpoint on disk intact and loadable.
@Suite struct RunFaultTests {
    let runs = TrainingRunTests()

    /// Loads the run's checkpoint and returns its iteration.
    func checkpointIteration(_ directory: URL) throws -> Int {
        let url = TrainingRun.checkpointURL(directory)
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(file.firstNonFiniteElement() == nil)
        return try Checkpoint.state(from: file, path: url.path).iteration
    }

    // MARK: - The lock

    @Test func secondWriterIsRefusedNamingTheHolder() throws {
        let directory = runs.temporaryDirectory("lock")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TrainingRun(starting: runs.specification(), in: directory, threads: 1)
        #expect(throws: RunIntegrityError.directoryLocked(path: directory.path, holder: getpid())) {
            _ = try TrainingRun(resuming: directory, threads: 1)
        }
        let message = RunIntegrityError.directoryLocked(path: directory.path, holder: getpid()).description
        #expect(message.contains("process \(getpid())") && message.contains(directory.path))
        // Once the first run has ended (its lock released), the directory can be resumed.
        try first.run()
        _ = try TrainingRun(resuming: directory, threads: 1)
    }

    @Test func staleLockFileDoesNotBlockAResume() throws {
        let directory = runs.temporaryDirectory("stale")
        defer { try? FileManager.default.removeItem(at: directory) }
        let interrupted = try TrainingRun(starting: runs.specification(), in: directory, threads: 1)
        try interrupted.run(stopRequested: { true })
        // The lock file of a process that no longer exists, and an abandoned temporary file.
        try "999999\n".write(to: directory.appendingPathComponent(RunDirectoryLock.fileName), atomically: false, encoding: .utf8)
        let abandoned = directory.appendingPathComponent(".checkpoint.safetensors.tmp-abc")
        try Data([1, 2, 3]).write(to: abandoned)
        let resumed = try TrainingRun(resuming: directory, threads: 1)
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(try resumed.run() == .finished)
    }

    /// A stop after iteration 3 checkpoints it (the interval is 2), and the resumed run writes the
    /// rows of an uninterrupted one.
    @Test func stoppedRunResumesWithTheSameRows() throws {
        let whole = runs.temporaryDirectory("whole"), stopped = runs.temporaryDirectory("stopped")
        defer { for url in [whole, stopped] { try? FileManager.default.removeItem(at: url) } }
        let spec = runs.specification()
        try TrainingRun(starting: spec, in: whole, threads: 1).run()
        var iterations = 0
        let outcome = try TrainingRun(starting: spec, in: stopped, threads: 1).run(
            onIteration: { _ in iterations += 1 }, stopRequested: { iterations == 3 })
        #expect(outcome == .stopped(afterIteration: 3))
        #expect(try checkpointIteration(stopped) == 3)
        #expect(!FileManager.default.fileExists(atPath: TrainingRun.policyURL(stopped).path))
        try TrainingRun(resuming: stopped, threads: 1).run()
        #expect(try runs.reproducibleRows(stopped) == runs.reproducibleRows(whole))
    }

    // MARK: - Failed writes

    /// ENOSPC or EIO on the checkpoint, the progress log or the policy: the error names the file
    /// and the errno, the previous checkpoint stays loadable, and resuming gives the same rows.
    @Test(arguments: [
        ("checkpoint.safetensors", ENOSPC), ("progress.csv", ENOSPC), ("policy.safetensors", EIO),
    ])
    func failedWriteKeepsThePreviousCheckpoint(file: String, code: Int32) throws {
        let whole = runs.temporaryDirectory("whole"), failing = runs.temporaryDirectory("full")
        defer { for url in [whole, failing] { try? FileManager.default.removeItem(at: url) } }
        let spec = runs.specification()
        try TrainingRun(starting: spec, in: whole, threads: 1).run()
        let target = failing.appendingPathComponent(file).path
        defer { InjectedWriteFaults.set(nil, forPath: target) }
        let run = try TrainingRun(starting: spec, in: failing, threads: 1)
        let failAt = spec.totalTimesteps / spec.configuration.batchRows - (file == "policy.safetensors" ? 0 : 2)
        do {
            try run.run { metrics in
                if metrics.iteration == failAt - (file == "progress.csv" ? 1 : 0) {
                    InjectedWriteFaults.set(code, forPath: target)
                }
            }
            Issue.record("the injected write failure was not reported")
        } catch let error as FileOperationError {
            #expect(error.path == target && error.code == code)
            #expect(error.description.contains(file) && error.description.contains("errno \(code)"))
        }
        InjectedWriteFaults.set(nil, forPath: target)
        let expected = file == "policy.safetensors" ? failAt : failAt - 2
        #expect(try checkpointIteration(failing) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: failing.path).allSatisfy { !$0.contains(".tmp-") })
        if file != "policy.safetensors" {
            try TrainingRun(resuming: failing, threads: 1).run()
            #expect(try runs.reproducibleRows(failing) == runs.reproducibleRows(whole))
        }
    }

    // MARK: - Faulty environments

    @Test(arguments: FailingEnvironment.Fault.allCases)
    func faultyEnvironmentIsNamedAndTheCheckpointKept(fault: FailingEnvironment.Fault) throws {
        let id = "FailingCartPole-\(fault.rawValue)-v0"
        var spec = runs.specification(timesteps: 4096)
        spec.environmentID = id
        spec.configuration.checkpointInterval = 1
        // Copy 1's 300th step falls in iteration 3 (128 steps per copy and iteration).
        try FailingEnvironment.register(
            id: id, copies: spec.configuration.environmentCopies, failingCopy: 1, failingStep: 300, fault: fault)
        let directory = runs.temporaryDirectory("faulty")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try TrainingRun(starting: spec, in: directory, threads: 2).run()
            Issue.record("the faulty environment went unnoticed")
        } catch let failure as IterationFailure {
            let step = try #require(failure.underlying as? CopyStepError)
            #expect(failure.iteration == 3 && failure.lastCheckpoint == 2)
            #expect(step.environment == id && step.copy == 1)
            #expect(failure.description.contains("\(id) copy 1 failed at step"), "\(failure)")
            #expect(failure.description.contains("the last checkpoint (iteration 2) is intact"))
        }
        #expect(try checkpointIteration(directory) == 2)
        #expect(try ProgressTable(contentsOf: TrainingRun.progressURL(directory)).rows.count == 2)
    }
}
