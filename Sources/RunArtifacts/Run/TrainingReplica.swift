import Foundation
import PolicyOptimization
import TrainingSettings

/// A distributed run's participant that writes nothing: the ranks other than 0 of `mpirun`.
///
/// It trains the same agent in lockstep with rank 0's `TrainingRun`, taking part in the same
/// collectives in the same order: every iteration, the question whether to stop, and the
/// environment snapshot of every checkpoint (which rank 0 alone writes). Resuming, it reads the
/// run directory's checkpoint without taking the directory's lock (rank 0 holds it).
public final class TrainingReplica {
    /// What the run is.
    public let specification: RunSpecification
    /// The agent being trained.
    public let agent: Agent

    /// A participant of a new run of `specification`.
    public init(starting specification: RunSpecification, threads: Int, placement: AgentPlacement) throws {
        self.specification = specification
        agent = try specification.makeAgent(threads: threads, placement: placement)
    }

    /// A participant of the resumed run in `directory`, at its last checkpoint.
    public init(resuming directory: URL, threads: Int, placement: AgentPlacement) throws {
        let configurationURL = TrainingRun.configurationURL(directory)
        specification = try RunSpecification(
            jsonData: try AtomicFile.read(from: configurationURL), path: configurationURL.path)
        agent = try specification.makeAgent(threads: threads, placement: placement)
        let checkpointURL = TrainingRun.checkpointURL(directory)
        if FileManager.default.fileExists(atPath: checkpointURL.path) {
            let file = try SafeTensorsFile(contentsOf: checkpointURL)
            try agent.trainer.restore(try Checkpoint.state(from: file, path: checkpointURL.path))
        }
    }

    /// Trains in lockstep with rank 0's `TrainingRun.run` (the same `stopRequested`, asked at the
    /// same points, and the same checkpoint iterations, whose states are taken and dropped here).
    @discardableResult
    public func run(stopRequested: () -> Bool = { false }) throws -> TrainingRun.Outcome {
        let trainer = agent.trainer
        let interval = specification.configuration.checkpointInterval
        while trainer.totalTimesteps < specification.totalTimesteps {
            _ = try trainer.runIteration()
            guard trainer.totalTimesteps < specification.totalTimesteps else { break }
            let stopping = stopRequested()
            if trainer.iteration % interval == 0 || stopping { _ = try trainer.state() }
            if stopping { return .stopped(afterIteration: trainer.iteration) }
        }
        _ = try trainer.state()
        return .finished
    }
}

extension RunSpecification {
    /// The agent this run trains, placed as `placement` says, with the run's budget as the
    /// horizon of its schedules (`lin_X`): set here for rank 0's `TrainingRun` and every
    /// `TrainingReplica` alike (the replicas once ran without it, their schedules constant, so
    /// PPO with the zoo's Atari settings stopped at the first iteration's θ check under `mpirun`).
    func makeAgent(threads: Int, placement: AgentPlacement) throws -> Agent {
        let agent = try Agent(
            environment: environmentID, algorithm: configuration.algorithm, configuration: configuration, seed: seed,
            threads: threads, placement: placement)
        agent.trainer.timestepBudget = totalTimesteps
        return agent
    }
}
