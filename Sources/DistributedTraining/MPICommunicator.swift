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
    /// A rank waiting in a collective polls for `spinSeconds` (TRPO_MPI_SPIN_MICROSECONDS, default
    /// 0), then yields its core between polls. On cores of its own a rank should spin (a yield
    /// costs a meeting a scheduler round); on a machine shared with other work spinning costs the
    /// CPU the other ranks need (measured: a third of each rank's CPU time at 200 µs, and slower),
    /// and pure busy polling starves the rank being waited for. Open MPI's own yielding is off,
    /// unless the user chose it.
    public init() {
        setenv("OMPI_MCA_mpi_yield_when_idle", "0", 0)
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, trustregion_mpi_thread_funneled(), &provided)
        var rank: Int32 = 0
        var size: Int32 = 1
        MPI_Comm_rank(trustregion_mpi_comm_world(), &rank)
        MPI_Comm_size(trustregion_mpi_comm_world(), &size)
        self.rank = Int(rank)
        self.size = Int(size)
        let microseconds = ProcessInfo.processInfo.environment["TRPO_MPI_SPIN_MICROSECONDS"].flatMap { Double($0) }
        spinSeconds = max(microseconds ?? 0, 0) / 1e6
    }

    /// How long a waiting rank polls before it starts yielding its core.
    public let spinSeconds: Double

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

    /// Bytes of each rank's message that travel with its size in the first collective: a step's
    /// exchange fits, so it costs one meeting of the ranks; longer messages send the rest in a second.
    static let inlineCapacity = 8 << 10

    private func exchange(_ bytes: [UInt8]) -> [[UInt8]] {
        // One slot per rank: the size (Int64), then up to inlineCapacity bytes (MPI_Iallgather).
        let slot = 8 + Self.inlineCapacity
        var send = [UInt8](repeating: 0, count: slot)
        withUnsafeBytes(of: Int64(bytes.count).littleEndian) { send.replaceSubrange(0..<8, with: $0) }
        let inline = min(bytes.count, Self.inlineCapacity)
        send.replaceSubrange(8..<(8 + inline), with: bytes[0..<inline])
        var slots = [UInt8](repeating: 0, count: slot * size)
        send.withUnsafeBytes { own in
            slots.withUnsafeMutableBytes { all in
                var request: MPI_Request?
                MPI_Iallgather(
                    own.baseAddress, Int32(slot), trustregion_mpi_byte(), all.baseAddress, Int32(slot),
                    trustregion_mpi_byte(), trustregion_mpi_comm_world(), &request)
                wait(for: &request)
            }
        }
        let counts = (0..<size).map { rank in
            slots.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: rank * slot, as: Int64.self))) }
        }
        var results = counts.indices.map { rank in
            Array(slots[(rank * slot + 8)..<(rank * slot + 8 + min(counts[rank], Self.inlineCapacity))])
        }
        // The rest (MPI_Iallgatherv in rank order); its counts are Int32, so pieces of at most 1 GiB per rank.
        let piece = 1 << 30
        var offset = Self.inlineCapacity
        while counts.contains(where: { $0 > offset }) {
            let lengths = counts.map { Int32(clamping: max(0, min(piece, $0 - offset))) }
            var displacements = [Int32](repeating: 0, count: size)
            for index in 1..<max(size, 1) { displacements[index] = displacements[index - 1] + lengths[index - 1] }
            var received = [UInt8](repeating: 0, count: lengths.reduce(0) { $0 + Int($1) })
            let own = Array(bytes[min(offset, bytes.count)..<min(offset + piece, bytes.count)])
            own.withUnsafeBytes { send in
                received.withUnsafeMutableBytes { receive in
                    var request: MPI_Request?
                    MPI_Iallgatherv(
                        send.baseAddress, Int32(own.count), trustregion_mpi_byte(), receive.baseAddress, lengths,
                        displacements, trustregion_mpi_byte(), trustregion_mpi_comm_world(), &request)
                    wait(for: &request)
                }
            }
            for rank in 0..<size where lengths[rank] > 0 {
                let start = Int(displacements[rank])
                results[rank] += received[start..<(start + Int(lengths[rank]))]
            }
            offset += piece
        }
        return results
    }

    /// Polls `request` until it completes: spinning for `spinSeconds`, then yielding between polls.
    private func wait(for request: inout MPI_Request?) {
        var done: Int32 = 0
        let yieldAfter = spinSeconds > 0 ? MPI_Wtime() + spinSeconds : 0
        while true {
            MPI_Test(&request, &done, nil)
            if done != 0 { return }
            if yieldAfter == 0 || MPI_Wtime() > yieldAfter { sched_yield() }
        }
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
