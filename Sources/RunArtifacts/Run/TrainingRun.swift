import Foundation
import PolicyOptimization
import TrainingSettings

/// A training run in a directory: `config.json`, `progress.csv`, `checkpoint.safetensors` (every
/// few iterations and at the end, written atomically) and `policy.safetensors` at the end.
///
/// A run killed at any moment resumes from its last checkpoint: progress.csv is cut back to the
/// checkpoint's iteration and the run continues with the same bits as if never interrupted.
public final class TrainingRun {
    /// The run directory.
    public let directory: URL
    /// What the run is.
    public let specification: RunSpecification
    /// The agent being trained.
    public let agent: Agent
    /// The iteration of the last checkpoint written or resumed from (`nil` before the first).
    public internal(set) var lastCheckpointIteration: Int?
    let progress: ProgressLog
    let lock: RunDirectoryLock
    /// The TensorBoard events beside progress.csv (the same rows, as scalars).
    let tensorBoard: TensorBoardLog
    var elapsedBeforeStart: Double
    /// The processes sharing the work, for `time/ranks`.
    let ranks: Int
    /// The run's skipped updates so far (the `train/skipped_updates` column).
    var skippedUpdatesBeforeStart = 0

    /// The files of a run directory.
    public static func configurationURL(_ directory: URL) -> URL { directory.appendingPathComponent("config.json") }
    public static func progressURL(_ directory: URL) -> URL { directory.appendingPathComponent("progress.csv") }
    public static func checkpointURL(_ directory: URL) -> URL {
        directory.appendingPathComponent("checkpoint.safetensors")
    }
    public static func policyURL(_ directory: URL) -> URL { directory.appendingPathComponent("policy.safetensors") }

    /// Starts a new run in `directory` (created if needed; refused if it already holds a run or
    /// another process holds its lock).
    /// `placement` says where the agent's work runs (one process unless given).
    public init(
        starting specification: RunSpecification, in directory: URL, threads: Int, placement: AgentPlacement = .local
    ) throws {
        if FileManager.default.fileExists(atPath: Self.configurationURL(directory).path) {
            throw RunError.directoryInUse(path: directory.path)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        lock = try RunDirectoryLock(directory: directory)
        // Checked again under the lock: another process may have started a run meanwhile.
        if FileManager.default.fileExists(atPath: Self.configurationURL(directory).path) {
            throw RunError.directoryInUse(path: directory.path)
        }
        // The agent is built before anything is written, so a bad environment id leaves no files.
        agent = try specification.makeAgent(threads: threads, placement: placement)
        ranks = placement.ranks
        self.directory = directory
        self.specification = specification
        elapsedBeforeStart = 0
        progress = try ProgressLog(creating: Self.progressURL(directory), columns: IterationMetrics.columns)
        let settings = try specification.jsonData()
        tensorBoard = try TensorBoardLog(creatingIn: directory, settings: TensorBoardLog.settingsTable(json: settings))
        try AtomicFile.write(settings, to: Self.configurationURL(directory))
    }

    /// Reopens the run in `directory` at its last checkpoint (or from the start if it has none).
    public init(resuming directory: URL, threads: Int, placement: AgentPlacement = .local) throws {
        let configurationURL = Self.configurationURL(directory)
        guard FileManager.default.fileExists(atPath: configurationURL.path) else {
            throw RunError.missingFile(path: configurationURL.path, hint: "\(directory.path) holds no run to resume")
        }
        lock = try RunDirectoryLock(directory: directory)
        Self.removeAbandonedTemporaryFiles(in: directory)
        specification = try RunSpecification(
            jsonData: try AtomicFile.read(from: configurationURL), path: configurationURL.path)
        agent = try specification.makeAgent(threads: threads, placement: placement)
        ranks = placement.ranks
        self.directory = directory
        let checkpointURL = Self.checkpointURL(directory)
        var keptRows = 0
        elapsedBeforeStart = 0
        if FileManager.default.fileExists(atPath: checkpointURL.path) {
            let file = try SafeTensorsFile(contentsOf: checkpointURL)
            let state = try Checkpoint.state(from: file, path: checkpointURL.path)
            try agent.trainer.restore(state)
            keptRows = state.iteration
            lastCheckpointIteration = state.iteration
        }
        let progressURL = Self.progressURL(directory)
        if FileManager.default.fileExists(atPath: progressURL.path) {
            progress = try ProgressLog(resuming: progressURL, keepingRows: keptRows)
            // A run begun before `time/ranks` keeps its header; any other header is refused.
            if progress.columns != IterationMetrics.columns && progress.columns != IterationMetrics.columnsBeforeRanks {
                throw ProgressLogError.columnsChanged(
                    path: progressURL.path, expected: IterationMetrics.columns, found: progress.columns)
            }
            // The clock continues from the last kept row (checkpoints hold nothing time-dependent).
            if keptRows > 0 {
                let table = try ProgressTable(contentsOf: progressURL)
                elapsedBeforeStart = (try table.values(of: "time/elapsed_s").last ?? 0) ?? 0
                skippedUpdatesBeforeStart = Int((try table.values(of: "train/skipped_updates").last ?? 0) ?? 0)
            }
        } else if keptRows == 0 {
            progress = try ProgressLog(creating: progressURL, columns: IterationMetrics.columns)
        } else {
            throw RunError.missingFile(path: progressURL.path, hint: "the checkpoint needs its progress log")
        }
        tensorBoard = try TensorBoardLog(
            resumingIn: directory, keepingStepsThrough: agent.trainer.totalTimesteps,
            settings: TensorBoardLog.settingsTable(json: try specification.jsonData()))
    }
}
