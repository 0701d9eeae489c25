import Foundation
import PolicyOptimization

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
    let progress: ProgressLog
    /// The TensorBoard events beside progress.csv (the same rows, as scalars).
    let tensorBoard: TensorBoardLog
    var elapsedBeforeStart: Double

    /// The files of a run directory.
    public static func configurationURL(_ directory: URL) -> URL { directory.appendingPathComponent("config.json") }
    public static func progressURL(_ directory: URL) -> URL { directory.appendingPathComponent("progress.csv") }
    public static func checkpointURL(_ directory: URL) -> URL {
        directory.appendingPathComponent("checkpoint.safetensors")
    }
    public static func policyURL(_ directory: URL) -> URL { directory.appendingPathComponent("policy.safetensors") }

    /// Starts a new run in `directory` (created if needed; refused if it already holds a run).
    public init(starting specification: RunSpecification, in directory: URL, threads: Int) throws {
        if FileManager.default.fileExists(atPath: Self.configurationURL(directory).path) {
            throw RunError.directoryInUse(path: directory.path)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The agent is built before anything is written, so a bad environment id leaves no files.
        agent = try Agent(
            environment: specification.environmentID, algorithm: specification.configuration.algorithm,
            configuration: specification.configuration, seed: specification.seed, threads: threads)
        self.directory = directory
        self.specification = specification
        elapsedBeforeStart = 0
        progress = try ProgressLog(creating: Self.progressURL(directory), columns: IterationMetrics.columns)
        let settings = try specification.jsonData()
        tensorBoard = try TensorBoardLog(creatingIn: directory, settings: TensorBoardLog.settingsTable(json: settings))
        try AtomicFile.write(settings, to: Self.configurationURL(directory))
    }

    /// Reopens the run in `directory` at its last checkpoint (or from the start if it has none).
    public init(resuming directory: URL, threads: Int) throws {
        let configurationURL = Self.configurationURL(directory)
        guard FileManager.default.fileExists(atPath: configurationURL.path) else {
            throw RunError.missingFile(path: configurationURL.path, hint: "\(directory.path) holds no run to resume")
        }
        specification = try RunSpecification(
            jsonData: try AtomicFile.read(from: configurationURL), path: configurationURL.path)
        agent = try Agent(
            environment: specification.environmentID, algorithm: specification.configuration.algorithm,
            configuration: specification.configuration, seed: specification.seed, threads: threads)
        self.directory = directory
        let checkpointURL = Self.checkpointURL(directory)
        var keptRows = 0
        elapsedBeforeStart = 0
        if FileManager.default.fileExists(atPath: checkpointURL.path) {
            let file = try SafeTensorsFile(contentsOf: checkpointURL)
            let state = try Checkpoint.state(from: file, path: checkpointURL.path)
            try agent.trainer.restore(state)
            keptRows = state.iteration
        }
        let progressURL = Self.progressURL(directory)
        if FileManager.default.fileExists(atPath: progressURL.path) {
            progress = try ProgressLog(resuming: progressURL, keepingRows: keptRows, columns: IterationMetrics.columns)
            // The clock continues from the last kept row (checkpoints hold nothing time-dependent).
            if keptRows > 0, let elapsed = try ProgressTable(contentsOf: progressURL).values(of: "time/elapsed_s").last {
                elapsedBeforeStart = elapsed ?? 0
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

    /// Trains to the budget, writing a progress row per iteration and checkpoints as configured;
    /// `onIteration` sees each row (the CLI prints it).
    public func run(onIteration: (IterationMetrics) throws -> Void = { _ in }) throws {
        let trainer = agent.trainer
        let start = Date()
        let stepsAtStart = trainer.totalTimesteps
        let interval = specification.configuration.checkpointInterval
        while trainer.totalTimesteps < specification.totalTimesteps {
            var metrics = try trainer.runIteration()
            let sessionSeconds = Date().timeIntervalSince(start)
            metrics.elapsedSeconds = elapsedBeforeStart + sessionSeconds
            metrics.framesPerSecond = Double(trainer.totalTimesteps - stepsAtStart) / max(sessionSeconds, 1e-9)
            try progress.append(row: metrics.values.map { $0 })
            try tensorBoard.append(step: trainer.totalTimesteps, columns: IterationMetrics.columns, values: metrics.values)
            try onIteration(metrics)
            if trainer.iteration % interval == 0 && trainer.totalTimesteps < specification.totalTimesteps {
                try writeCheckpoint()
            }
        }
        try writeCheckpoint()
        try writePolicy()
        progress.close()
        tensorBoard.close()
    }

    /// Writes checkpoint.safetensors atomically.
    func writeCheckpoint() throws {
        let file = try Checkpoint.file(state: try agent.trainer.state(), specification: specification)
        try file.write(to: Self.checkpointURL(directory))
    }

    /// Writes policy.safetensors atomically.
    func writePolicy() throws {
        let snapshot = PolicySnapshot(trainer: agent.trainer, normalizer: agent.normalizer)
        try PolicyFile.file(snapshot, environmentID: specification.environmentID).write(to: Self.policyURL(directory))
    }
}
