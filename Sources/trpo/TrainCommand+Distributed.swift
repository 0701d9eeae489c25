import ArgumentParser
import DistributedTraining
import Foundation
import RunArtifacts
import TrainingSettings

extension TrainCommand {
    /// The run under `mpirun`: rank 0 writes the run directory as a one-process run would, the
    /// other ranks train in lockstep and write nothing.
    ///
    /// Any failure on any rank ends the whole job (MPI_Abort) with a non-zero status, so no rank
    /// waits forever for one that gave up; files are replaced atomically, so the last checkpoint on
    /// disk stays intact. A rank killed outright makes `mpirun` end the others.
    func runDistributed(_ session: DistributedSession) -> Never {
        let communicator = session.communicator
        do {
            try session.requireOneKernel()
            let placement = session.placement
            StopSignals.install(signals: [SIGINT, SIGTERM, SIGUSR1])
            if communicator.isRoot {
                try runRoot(session, placement: placement)
            } else {
                let replica: TrainingReplica
                if let resume {
                    replica = try TrainingReplica(resuming: URL(fileURLWithPath: resume), threads: threads, placement: placement)
                } else {
                    replica = try TrainingReplica(starting: try specification(), threads: threads, placement: placement)
                }
                let outcome = try replica.run(stopRequested: {
                    session.agreeToStop(
                        trainer: replica.agent.trainer,
                        locally: StopSignals.pending != nil || reachedStop(replica.agent.trainer.totalTimesteps))
                })
                finish(
                    session, outcome: outcome, directory: nil, iterations: replica.agent.trainer.iteration,
                    timesteps: replica.agent.trainer.totalTimesteps)
            }
        } catch {
            if case DistributedError.peerFailed = error, !communicator.isRoot {
                // The failing rank says why; rank 0 repeats it.
            } else {
                let prefix = communicator.isRoot ? "" : "rank \(communicator.rank): "
                standardError("trpo train: error: \(prefix)\(error)")
            }
            communicator.abort(code: 1)
        }
    }

    /// Rank 0: the `TrainingRun` of the run directory.
    func runRoot(_ session: DistributedSession, placement: AgentPlacement) throws -> Never {
        let run: TrainingRun
        if let resume {
            run = try TrainingRun(resuming: URL(fileURLWithPath: resume), threads: threads, placement: placement)
        } else {
            run = try TrainingRun(
                starting: try specification(), in: URL(fileURLWithPath: runDir ?? ""), threads: threads,
                placement: placement)
        }
        let algorithm = run.specification.configuration.algorithm
        let table = ProgressPrinter(enabled: !quiet, showsLineSearch: [.trpo, .npg].contains(algorithm))
        if !quiet { standardError(session.summary(copies: run.specification.configuration.environmentCopies)) }
        table.header(run.specification)
        let outcome = try run.run(
            onIteration: { table.row($0) },
            stopRequested: {
                session.agreeToStop(
                    trainer: run.agent.trainer,
                    locally: StopSignals.pending != nil || reachedStop(run.agent.trainer.totalTimesteps))
            })
        if case .finished = outcome { table.footer(run.directory) }
        finish(
            session, outcome: outcome, directory: run.directory, iterations: run.agent.trainer.iteration,
            timesteps: run.agent.trainer.totalTimesteps)
    }

    /// Ends this rank: MPI is finalised, and a run stopped by a signal exits as a signalled one-process
    /// run does (one stopped by `--stop-at` with 0).
    func finish(
        _ session: DistributedSession, outcome: TrainingRun.Outcome, directory: URL?, iterations: Int, timesteps: Int
    ) -> Never {
        var status: Int32 = 0
        if case .stopped(let iteration) = outcome {
            let signal = StopSignals.pending
            // --stop-at is reached by every rank at once (the step count is the same on each).
            let stoppedAt = signal == nil && reachedStop(timesteps)
            if !stoppedAt { status = 128 + (signal ?? SIGTERM) }
            if let directory {
                let cause =
                    stoppedAt ? "by --stop-at" : signal.map { "by \(StopSignals.name($0))" } ?? "by a signal to another rank"
                standardError(
                    "trpo train: stopped \(cause) after iteration \(iteration); checkpoint.safetensors holds it. "
                        + "Continue with: mpirun … trpo train --resume \(directory.path)")
            }
        }
        #if MPI
        if let mpi = session.communicator as? MPICommunicator {
            if directory != nil, !quiet || ProcessInfo.processInfo.environment["TRPO_MPI_STATISTICS"] != nil {
                standardError(session.statisticsLine(mpi.statistics, iterations: iterations))
            }
            mpi.finalize()
        }
        #endif
        Foundation.exit(status)
    }
}
