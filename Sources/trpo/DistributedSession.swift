import DenseLinearAlgebra
import DistributedTraining
import Environments
import Foundation
import PolicyOptimization
import TrainingSettings

/// `trpo train` under `mpirun`: the ranks, where each one's work goes, and what they agree on
/// after every iteration (whether to stop, and that θ and φ are still the same bits everywhere).
struct DistributedSession {
    let communicator: any Communicator

    /// The ranks of `mpirun` (trait `MPI`), or nil for one process. Under `mpirun` without the
    /// trait every process would train alone into the same directory, so that is refused.
    static func launched() throws -> DistributedSession? {
        #if MPI
        guard MPICommunicator.isLaunchedByMPIRun else { return nil }
        let session = DistributedSession(communicator: MPICommunicator())
        ChildEnvironment.removeLauncherVariables()
        return session
        #else
        if let size = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"], size != "1" {
            throw TrainFailure(
                description: "started by mpirun with \(size) ranks, but this trpo was built without MPI: "
                    + "run scripts/install-mpi.sh and build with `swift build --traits MPI`")
        }
        return nil
        #endif
    }

    /// Copies on this rank's share, exchanged every step; per-block partial sums shared out for
    /// batches of at least TRPO_MPI_BLOCKS_PER_RANK (default 1) blocks per rank.
    var placement: AgentPlacement {
        let variable = ProcessInfo.processInfo.environment["TRPO_MPI_BLOCKS_PER_RANK"]
        return .distributed(over: communicator, minimumBlocksPerRank: variable.flatMap { Int($0) } ?? 1)
    }

    /// One line for the start of the run: the world size and each rank's copies.
    func summary(copies: Int) -> String {
        let shares = (0..<communicator.size).map { rank in
            let range = WorkShare.range(of: copies, parts: communicator.size, part: rank)
            return "rank \(rank): copies \(range.lowerBound)–\(range.upperBound - 1)"
        }
        return "trpo train: \(communicator.size) ranks (mpirun), \(copies) environment copies; "
            + shares.joined(separator: ", ") + "; batched passes shared by blocks of rows"
    }

    /// Refuses ranks that chose different matrix kernels (their sums would differ in the last bits).
    func requireOneKernel() throws {
        let name = "\(MatrixProduct.Variant.selected)"
        let names = communicator.allGather(Array(name.utf8)).map { String(decoding: $0, as: UTF8.self) }
        if Set(names).count > 1 { throw DistributedError.kernelsDiffer(names) }
    }

    /// After an iteration, on every rank: whether any rank was asked to stop, and a check that
    /// every rank holds the same θ and φ (a mismatch stops the job with a message, not a hang).
    func agreeToStop(trainer: OnPolicyTrainer, locally: Bool) -> Bool {
        let fingerprint = Self.fingerprint(trainer.policyParameters, trainer.valueParameters)
        let all = communicator.allGather([locally ? 1 : 0, fingerprint])
        let diverged = all.indices.filter { all[$0].last != all[0].last }
        if !diverged.isEmpty {
            if communicator.isRoot {
                FileHandle.standardError.write(Data("trpo train: error: \(DistributedError.parametersDiverged(iteration: trainer.iteration, ranks: diverged)); the last checkpoint is intact\n".utf8))
            }
            communicator.abort(code: 1)
        }
        return all.contains { $0.first == 1 }
    }

    #if MPI
    /// One line of what this rank's collectives cost over the run.
    func statisticsLine(_ statistics: CommunicationStatistics, iterations: Int) -> String {
        let perIteration = Double(max(iterations, 1))
        return String(
            format: "trpo train: rank %d: %d collectives (%.0f per iteration), %.2f MB received (%.1f kB per iteration), "
                + "%.2f s inside them",
            communicator.rank, statistics.collectives, Double(statistics.collectives) / perIteration,
            Double(statistics.bytesReceived) / 1e6, Double(statistics.bytesReceived) / 1e3 / perIteration, statistics.seconds)
    }
    #endif

    /// FNV-1a over the bit patterns of θ then φ.
    static func fingerprint(_ first: [Float], _ second: [Float]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in first + second {
            hash ^= UInt64(value.bitPattern)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
