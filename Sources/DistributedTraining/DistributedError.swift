/// What goes wrong between the participants of a distributed run.
public enum DistributedError: Error, CustomStringConvertible, Equatable {
    /// Another participant failed in the same collective step; its message says why.
    case peerFailed(rank: Int, message: String)
    /// θ or φ differ between participants (a bug or non-identical hardware kernels).
    case parametersDiverged(iteration: Int, ranks: [Int])
    /// The ranks chose different matrix kernels (machines of different instruction sets), so their
    /// sums would differ in the last bits.
    case kernelsDiffer([String])
    /// A message between participants could not be decoded.
    case malformedMessage
    /// The run cannot be distributed as configured.
    case unsupported(String)

    public var description: String {
        switch self {
        case .peerFailed(let rank, let message): return "rank \(rank) failed: \(message)"
        case .parametersDiverged(let iteration, let ranks):
            return "after iteration \(iteration) the parameters of ranks \(ranks.map(String.init).joined(separator: ", ")) "
                + "differ from rank 0's (a rank computed something differently; the run stops rather than "
                + "train on diverged copies)"
        case .kernelsDiffer(let kernels):
            return "the ranks run different matrix kernels (\(kernels.joined(separator: ", "))): run every rank on "
                + "machines of one instruction set, so that every rank computes the same bits"
        case .malformedMessage: return "a message between ranks was malformed"
        case .unsupported(let reason): return "cannot distribute this run: \(reason)"
        }
    }
}
