import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM during `trpo train`: the first asks the run to stop after the iteration
/// under way (which is completed and checkpointed, so `--resume` gives the same rows as an
/// uninterrupted run); a second one exits at once with the conventional status, leaving the last
/// complete checkpoint (checkpoints are replaced atomically, so it is never half-written).
enum StopSignals {
    /// The first stop signal received, 0 for none. Written only by the signal handler.
    static let received = Atomic<Int32>(0)

    /// Installs the handlers of `signals`; call once, before training starts. (Under `mpirun`,
    /// SIGUSR1 too: mpirun forwards it to every rank and, unlike SIGINT, does not then end the job.)
    static func install(signals: [Int32] = [SIGINT, SIGTERM]) {
        // Initialise the (lazily created) static before a handler can touch it.
        _ = received.load(ordering: .sequentiallyConsistent)
        // A parent may have started us with these signals blocked (a thread of a Dispatch or Swift
        // concurrency pool spawning the process passes its mask on); threads started later inherit this.
        var stopSet = sigset_t()
        sigemptyset(&stopSet)
        for number in signals { sigaddset(&stopSet, number) }
        pthread_sigmask(SIG_UNBLOCK, &stopSet, nil)
        for number in signals {
            signal(number) { number in
                // Only async-signal-safe calls here: an atomic exchange, write(2) and _exit(2).
                guard StopSignals.received.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
                    .exchanged
                else { _exit(128 + number) }
                let notice: StaticString = "trpo train: stopping after this iteration (signal again to stop at once)\n"
                _ = write(STDERR_FILENO, notice.utf8Start, notice.utf8CodeUnitCount)
            }
        }
    }

    /// The signal that asked to stop, if any.
    static var pending: Int32? {
        let number = received.load(ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    /// The signal's name for messages: "SIGINT", "SIGTERM".
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGUSR1: return "SIGUSR1"
        default: return "signal \(number)"
        }
    }
}
