import Synchronization

/// Scratch buffers that the blocks of one batched evaluator borrow for a pass and give back, so a
/// batch holds as many as passes run at once (one per thread) instead of one per block.
///
/// A convolutional block's tangents and cotangents need two maps of its widest layer per row (for
/// NatureCNN, 102 kB a row): kept per block, they were a third of a 100k-row batch's memory. What a
/// block keeps between passes (its activations) stays in its workspace; only a pass's temporaries
/// come from here. Which buffer a pass gets never changes its result: a pass writes its scratch
/// before reading it.
public final class ScratchPool: Sendable {
    /// A free buffer; only the pool's lock holder touches it.
    private struct FreeBuffer: @unchecked Sendable {
        let pointer: UnsafeMutableBufferPointer<Float>
    }

    private let free = Mutex<[FreeBuffer]>([])
    private let allocations = Atomic<Int>(0)

    /// An empty pool.
    public init() {}

    /// Buffers allocated so far (the most ever lent at once).
    public var allocatedCount: Int { allocations.load(ordering: .relaxed) }

    /// A buffer of at least `count` values, not zeroed: a free one if one is large enough, else a new one.
    func take(count: Int) -> UnsafeMutableBufferPointer<Float> {
        let reused = free.withLock { buffers -> FreeBuffer? in
            guard let index = buffers.firstIndex(where: { $0.pointer.count >= count }) else { return nil }
            return buffers.remove(at: index)
        }
        if let reused { return reused.pointer }
        allocations.add(1, ordering: .relaxed)
        return .allocate(capacity: count)
    }

    /// Gives `buffer` back for another pass.
    func giveBack(_ buffer: UnsafeMutableBufferPointer<Float>) {
        free.withLock { $0.append(FreeBuffer(pointer: buffer)) }
    }

    deinit {
        free.withLock { buffers in
            for buffer in buffers { buffer.pointer.deallocate() }
        }
    }
}
