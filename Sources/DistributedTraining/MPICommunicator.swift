#if MPI
import CMPI
import Foundation

/// The ranks of `mpirun` (MPI_COMM_WORLD of Open MPI), initialised with MPI_THREAD_FUNNELED: only
/// the thread that created it communicates, worker threads never do (Open MPI with threads
/// deadlocks otherwise; hill-a/stable-baselines #430).
///
/// MPI errors are fatal (MPI_ERRORS_ARE_FATAL, the default): a failed collective ends the job
/// rather than returning, and a rank that dies makes `mpirun` end the others.
public final class MPICommunicator: Communicator, @unchecked Sendable {
    public let rank: Int
    public let size: Int
    private var isFinalized = false
    /// What this rank's collectives cost so far: calls, bytes received, seconds inside them
    /// (waiting for slower ranks included).
    public private(set) var statistics = CommunicationStatistics()

    /// Initialises MPI (once per process).
    ///
    /// Unless the user chose otherwise, a rank waiting in a collective yields its core
    /// (`mpi_yield_when_idle`): Open MPI busy-polls by default, which on a machine shared with other
    /// work (or with more ranks than cores) starves the very rank being waited for.
    public init() {
        setenv("OMPI_MCA_mpi_yield_when_idle", "1", 0)
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, trustregion_mpi_thread_funneled(), &provided)
        var rank: Int32 = 0
        var size: Int32 = 1
        MPI_Comm_rank(trustregion_mpi_comm_world(), &rank)
        MPI_Comm_size(trustregion_mpi_comm_world(), &size)
        self.rank = Int(rank)
        self.size = Int(size)
    }

    /// Whether this process was started by `mpirun` (Open MPI's or PMIx's rank variables are set).
    public static var isLaunchedByMPIRun: Bool {
        let variables = ProcessInfo.processInfo.environment
        return variables["OMPI_COMM_WORLD_SIZE"] != nil || variables["PMIX_RANK"] != nil
    }

    public func allGather(_ bytes: [UInt8]) -> [[UInt8]] {
        let start = MPI_Wtime()
        let results = exchange(bytes)
        statistics.collectives += 1
        statistics.bytesReceived += results.reduce(0) { $0 + $1.count }
        statistics.seconds += MPI_Wtime() - start
        return results
    }

    private func exchange(_ bytes: [UInt8]) -> [[UInt8]] {
        // The sizes first (one Int64 per rank), then the bytes (MPI_Allgatherv in rank order).
        var counts = [Int64](repeating: 0, count: size)
        var mine = Int64(bytes.count)
        _ = withUnsafeMutablePointer(to: &mine) { own in
            counts.withUnsafeMutableBufferPointer { all in
                MPI_Allgather(own, 1, trustregion_mpi_int64(), all.baseAddress, 1, trustregion_mpi_int64(), trustregion_mpi_comm_world())
            }
        }
        // Allgatherv counts are Int32: larger exchanges go in pieces of at most 1 GiB per rank.
        let piece = Int64(1 << 30)
        var results = counts.map { [UInt8](repeating: 0, count: Int($0)) }
        var offset: Int64 = 0
        while offset == 0 || counts.contains(where: { $0 > offset }) {
            let lengths = counts.map { Int32(clamping: max(0, min(piece, $0 - offset))) }
            var displacements = [Int32](repeating: 0, count: size)
            for index in 1..<max(size, 1) { displacements[index] = displacements[index - 1] + lengths[index - 1] }
            var received = [UInt8](repeating: 0, count: Int(lengths.reduce(0) { $0 + Int($1) }))
            let own = Array(bytes[Int(min(offset, mine))..<Int(min(offset + piece, mine))])
            _ = own.withUnsafeBytes { send in
                received.withUnsafeMutableBytes { receive in
                    MPI_Allgatherv(
                        send.baseAddress, Int32(own.count), trustregion_mpi_byte(), receive.baseAddress, lengths,
                        displacements, trustregion_mpi_byte(), trustregion_mpi_comm_world())
                }
            }
            for rank in 0..<size where lengths[rank] > 0 {
                let start = Int(displacements[rank])
                results[rank].replaceSubrange(
                    Int(offset)..<(Int(offset) + Int(lengths[rank])), with: received[start..<(start + Int(lengths[rank]))])
            }
            offset += piece
        }
        return results
    }

    public func abort(code: Int32) -> Never {
        MPI_Abort(trustregion_mpi_comm_world(), code)
        exit(code)
    }

    /// Ends MPI for this process (after the last collective).
    public func finalize() {
        guard !isFinalized else { return }
        isFinalized = true
        MPI_Finalize()
    }
}
#endif

/// The cost of a communicator's collectives.
public struct CommunicationStatistics: Sendable {
    /// `allGather` calls (each is two MPI collectives: the sizes, then the bytes).
    public var collectives = 0
    /// Bytes received, every rank's part included.
    public var bytesReceived = 0
    /// Wall-clock seconds inside the collectives.
    public var seconds = 0.0
}
