/// Scratch buffers for the passes of one `ConvolutionalNetwork` over a batch: allocated once,
/// reused every call.
///
/// `forward` keeps a copy of the input rows (as `Float`s or as bytes, as given) and every layer's
/// output; `pullback` and
/// `differential` read them (and rebuild patches from them), so they must follow a `forward` on the
/// same rows and parameters. Buffers only those two need are allocated on their first call, so
/// evaluators that only act or predict values pay for none. One thread at a time.
public final class ConvolutionalWorkspace {
    /// The network this workspace is shaped for.
    public let network: ConvolutionalNetwork
    /// The number of rows the buffers hold.
    public private(set) var capacity: Int
    /// The rows of the last forward pass.
    public internal(set) var rows = 0
    /// The input rows of the last forward pass, unscaled, when given as `Float`s (allocated on the
    /// first such pass).
    private var floatInputBuffer: UnsafeMutablePointer<Float>?
    /// The input rows of the last forward pass when given as bytes (allocated on the first such
    /// pass): 4× less memory than `Float`s, read by the first layer's patch gathers.
    private var byteInputBuffer: UnsafeMutablePointer<UInt8>?
    /// Whether the last forward pass was given bytes (its input is in `byteInput`).
    var inputIsBytes = false
    /// activations[s]: stage s's output (rows × outputSize), after its activation.
    var activations: [UnsafeMutablePointer<Float>]
    /// One chunk of patches (`patchRows` rows of some stage) and, lazily, its cotangent.
    var columns: UnsafeMutablePointer<Float>
    private var columnGradientBuffer: UnsafeMutablePointer<Float>?
    /// Two ping-pong buffers (rows × the widest stage output) for tangents and cotangents, lazily:
    /// the workspace's own, or one borrowed from `scratchPool` (both halves of one buffer).
    private var scratchBuffers: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)?
    /// Where the scratch buffers come from when the workspace does not keep its own.
    private var scratchPool: ScratchPool?
    private var borrowedScratch: UnsafeMutableBufferPointer<Float>?
    /// Wᵀ of one stage, lazily.
    private var transposedBuffer: UnsafeMutablePointer<Float>?

    /// Values of patches per chunk: chunks of rows are sized to stay near this many (512 KiB, so a
    /// chunk stays in the core's L2 cache between its gather and its product; 4 MiB was slower),
    /// and the patches of a batch are never all in memory. Fixed, so results do not depend on the batch.
    static let columnBudget = 1 << 17

    /// A workspace for `network` with room for `capacity` rows (it grows if a larger batch comes).
    public init(network: ConvolutionalNetwork, capacity: Int) {
        self.network = network
        self.capacity = max(capacity, 1)
        (activations, columns) = Self.allocate(network: network, capacity: max(capacity, 1))
    }

    private static func allocate(network: ConvolutionalNetwork, capacity: Int)
        -> ([UnsafeMutablePointer<Float>], UnsafeMutablePointer<Float>)
    {
        let activations = network.stages.map { UnsafeMutablePointer<Float>.allocate(capacity: capacity * $0.outputSize) }
        return (activations, .allocate(capacity: columnCapacity(network: network, capacity: capacity)))
    }

    /// Rows of stage `stage`'s patches per chunk.
    static func patchRows(_ stage: ConvolutionStage) -> Int {
        max(1, columnBudget / max(stage.positions * stage.patchSize, 1))
    }

    private static func columnCapacity(network: ConvolutionalNetwork, capacity: Int) -> Int {
        network.stages.indices.filter { network.needsColumns($0) }.map { index in
            let stage = network.stages[index]
            return min(patchRows(stage), capacity) * stage.positions * stage.patchSize
        }.max() ?? 1
    }

    deinit {
        release()
    }

    private func release() {
        floatInputBuffer?.deallocate()
        byteInputBuffer?.deallocate()
        for buffer in activations { buffer.deallocate() }
        columns.deallocate()
        columnGradientBuffer?.deallocate()
        if borrowedScratch != nil {
            returnScratch()
        } else {
            scratchBuffers?.0.deallocate()
            scratchBuffers?.1.deallocate()
        }
        transposedBuffer?.deallocate()
    }

    /// Makes room for `rows` rows, discarding contents if it has to grow.
    func reserve(rows: Int) {
        guard rows > capacity else { return }
        release()
        (floatInputBuffer, byteInputBuffer) = (nil, nil)
        (columnGradientBuffer, scratchBuffers, transposedBuffer) = (nil, nil, nil)
        capacity = rows
        (activations, columns) = Self.allocate(network: network, capacity: rows)
    }

    /// Room for the `Float` input rows.
    var input: UnsafeMutablePointer<Float> {
        if let floatInputBuffer { return floatInputBuffer }
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: capacity * network.inputWidth)
        floatInputBuffer = buffer
        return buffer
    }

    /// Room for the byte input rows.
    var byteInput: UnsafeMutablePointer<UInt8> {
        if let byteInputBuffer { return byteInputBuffer }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * network.inputWidth)
        byteInputBuffer = buffer
        return buffer
    }

    /// The ping-pong buffers for tangents and cotangents.
    var scratch: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) {
        if let scratchBuffers { return scratchBuffers }
        let half = capacity * (network.stages.map(\.outputSize).max() ?? 1)
        var buffers: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)?
        if let scratchPool {
            let borrowed = scratchPool.take(count: 2 * half)
            borrowedScratch = borrowed
            buffers = borrowed.baseAddress.map { ($0, $0 + half) }
        }
        let chosen = buffers ?? (.allocate(capacity: half), .allocate(capacity: half))
        scratchBuffers = chosen
        return chosen
    }

    public func borrowScratch(from pool: ScratchPool) {
        guard scratchPool == nil else { return }
        if borrowedScratch == nil, let own = scratchBuffers {
            own.0.deallocate()
            own.1.deallocate()
            scratchBuffers = nil
        }
        scratchPool = pool
    }

    public func returnScratch() {
        guard let borrowed = borrowedScratch, let scratchPool else { return }
        scratchPool.giveBack(borrowed)
        (borrowedScratch, scratchBuffers) = (nil, nil)
    }

    /// The cotangent of one chunk of patches.
    var columnGradient: UnsafeMutablePointer<Float> {
        if let columnGradientBuffer { return columnGradientBuffer }
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Self.columnCapacity(network: network, capacity: capacity))
        columnGradientBuffer = buffer
        return buffer
    }

    /// Room for the transpose of the largest W.
    var transposedWeights: UnsafeMutablePointer<Float> {
        if let transposedBuffer { return transposedBuffer }
        let buffer = UnsafeMutablePointer<Float>.allocate(
            capacity: network.stages.map { $0.patchSize * $0.filters }.max() ?? 1)
        transposedBuffer = buffer
        return buffer
    }

    /// The network's output of the last forward pass (rows × outputWidth).
    public var output: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: activations[activations.count - 1], count: rows * network.outputWidth)
    }
}

extension ConvolutionalWorkspace: NetworkWorkspace {}
