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
    /// A rank waiting in a collective polls it, spinning for at most `spin`'s window and then
    /// yielding its core between polls (`SpinWindow`: up to 2 ms on a node with a CPU per rank,
    /// none on an oversubscribed one, `TRPO_MPI_SPIN_MICROSECONDS` to choose). Open MPI's own
    /// yielding is off unless the user chose it. A job on one node needs no network: Open MPI's
    /// point-to-point layer is set to ob1 (shared memory) unless chosen, which spares MPI_Init its
    /// probing for fabrics (0.2 s of 0.4 s measured here).
    public init() {
        let variables = ProcessInfo.processInfo.environment
        setenv("OMPI_MCA_mpi_yield_when_idle", "0", 0)
        if variables["OMPI_MCA_orte_num_nodes"] == "1" { setenv("OMPI_MCA_pml", "ob1", 0) }
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, trustregion_mpi_thread_funneled(), &provided)
        var rank: Int32 = 0
        var size: Int32 = 1
        MPI_Comm_rank(trustregion_mpi_comm_world(), &rank)
        MPI_Comm_size(trustregion_mpi_comm_world(), &size)
        self.rank = Int(rank)
        self.size = Int(size)
        spin = SpinWindow(maximum: SpinWindow.defaultMaximum(environment: variables, processors: SpinWindow.processors))
        slots = [UInt8](repeating: 0, count: Self.smallSlot * Int(size))
    }

    /// How long the next wait polls before it starts yielding its core.
    public private(set) var spin: SpinWindow

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

    /// Each rank's slot in the first collective: its message's size (8 bytes), then as much of the
    /// message as fits. A message that fits costs one meeting of the ranks; a longer one sends its
    /// rest in a second collective. The slot is `smallSlot` (a step's exchange fits, and it stays
    /// within Open MPI's shared-memory eager limit of 4 KiB with headers, so the message is copied
    /// through the queue rather than fetched after a handshake, as an 8 KiB slot was), unless the
    /// previous exchange's largest message needed a bigger one of at most `largestSlot` bytes: then
    /// the slot fits that (a critic minibatch's partial gradients, 40 kB, exchanged 640 times in a
    /// row). Every rank knows the previous exchange's sizes, so all choose the same slot.
    static let smallSlot = 3968
    static let largestSlot = 64 << 10
    private var slot = MPICommunicator.smallSlot
    /// This rank's slot and every rank's, reused by each exchange (only the message's bytes are read).
    private var send = [UInt8](repeating: 0, count: MPICommunicator.smallSlot)
    private var slots: [UInt8]

    private func exchange(_ bytes: [UInt8]) -> [[UInt8]] {
        // One slot per rank: the size (Int64), then up to slot - 8 bytes (MPI_Iallgather).
        let slot = self.slot
        let inlineCapacity = slot - 8
        if send.count < slot { send = [UInt8](repeating: 0, count: slot) }
        if slots.count < slot * size { slots = [UInt8](repeating: 0, count: slot * size) }
        let inline = min(bytes.count, inlineCapacity)
        send.withUnsafeMutableBytes { own in
            own.storeBytes(of: Int64(bytes.count).littleEndian, toByteOffset: 0, as: Int64.self)
            bytes.withUnsafeBytes { message in
                if inline > 0, let target = own.baseAddress, let source = message.baseAddress {
                    target.advanced(by: 8).copyMemory(from: source, byteCount: inline)
                }
            }
        }
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
            Array(slots[(rank * slot + 8)..<(rank * slot + 8 + min(counts[rank], inlineCapacity))])
        }
        let needed = 8 + (counts.max() ?? 0)
        self.slot = needed <= Self.smallSlot || needed > Self.largestSlot ? Self.smallSlot : (needed + 63) / 64 * 64
        // The rest (MPI_Iallgatherv in rank order); its counts are Int32, so pieces of at most 1 GiB per rank.
        let piece = 1 << 30
        var offset = inlineCapacity
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

    /// How long a wait yields its core between polls after the spin window, before it sleeps.
    static let yieldSeconds = 200e-6
    /// How long each poll sleeps after that, in µs (the kernel's timer slack adds about 50).
    static let sleepMicroseconds: UInt32 = 20

    /// Polls `request` until it completes: spinning for the window of `spin`, then yielding between
    /// polls for `yieldSeconds`, then sleeping between polls; the wait's length adapts the window.
    ///
    /// Sleeping matters on shared cores: a rank that only yields stays runnable, so its core never
    /// goes idle and the scheduler does not pull the awaited rank onto it (measured under load 15:
    /// np 3 on 2 cores 16.5 s against 29.5 s yielding only, and less CPU; np 2 alike).
    private func wait(for request: inout MPI_Request?) {
        var done: Int32 = 0
        let start = MPI_Wtime()
        let yieldAfter = start + spin.seconds
        let sleepAfter = yieldAfter + Self.yieldSeconds
        var phase = spin.seconds > 0 ? 0 : 1  // 0 spinning, 1 yielding, 2 sleeping
        var polls = 0
        while true {
            MPI_Test(&request, &done, nil)
            if done != 0 { break }
            polls &+= 1
            switch phase {
            case 0:
                // The clock is read every 16th poll: a read costs about what a poll does (80 ns here).
                if polls & 15 == 0, MPI_Wtime() > yieldAfter { phase = 1 }
            case 1:
                sched_yield()
                if polls & 15 == 0, MPI_Wtime() > sleepAfter { phase = 2 }
            default:
                usleep(Self.sleepMicroseconds)
            }
        }
        spin.record(wait: MPI_Wtime() - start)
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
    /// `allGather` calls (each is one MPI collective; a message longer than a slot adds a second).
    public var collectives = 0
    /// Bytes received, every rank's part included.
    public var bytesReceived = 0
    /// Wall-clock seconds inside the collectives.
    public var seconds = 0.0
}
