import DenseLinearAlgebra

/// A network evaluated on a batch in fixed blocks of rows: the batched passes every policy,
/// critic and Fisher-vector product uses, whatever the network.
///
/// Per-block results (gradients) are reduced in block order, so the bits do not depend on the
/// number of threads: the block size, not the thread count, fixes the summation order.
public protocol BatchEvaluator: AnyObject {
    /// The rows of the batch.
    var rows: Int { get }
    /// Rows per block (the last may be shorter).
    var blockSize: Int { get }
    /// The number of blocks.
    var blockCount: Int { get }
    /// Threads to spread blocks over (1 = serial).
    var threads: Int { get set }
    /// The batch's inputs, row-major rows × inputWidth.
    var inputs: [Float] { get }
    /// The network's input width.
    var inputWidth: Int { get }
    /// The network's output width.
    var outputWidth: Int { get }
    /// |θ|.
    var parameterCount: Int { get }

    /// Replaces the batch, reusing the workspaces.
    func load(inputs: [Float], rows: Int)
    /// Forward pass on every block at θ; outputs stay in the workspaces.
    func forward(parameters: [Float])
    /// Forward pass on the blocks in `share` only (a participant's share); the other blocks'
    /// workspaces keep stale values until gathered (`gatheredOutputs`).
    func forward(parameters: [Float], share: Range<Int>)
    /// The outputs of the last forward pass of block `block`.
    func outputs(block: Int) -> UnsafeBufferPointer<Float>
    /// All outputs of the last forward pass, row-major rows × outputWidth.
    func allOutputs() -> [Float]
    /// Per block, the Jᵀū of `cotangent`'s ū, one partial gradient per block in block order.
    ///
    /// `cotangent(block, outputs, tangentOutputs, destination)` writes the block's ū
    /// (rows × outputWidth) from its outputs and, when `tangent` is given, J·tangent of its rows
    /// (computed first on the same workspace: the Jᵀ M J product of a Fisher-vector product).
    func blockPullbacks(
        parameters: [Float], tangent: [Float]?,
        cotangent: (Int, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            -> Void
    ) -> [[Float]]
    /// As `blockPullbacks(parameters:tangent:cotangent:)` for the blocks in `share` only (a
    /// participant's share, `SampleReduction.ownedBlocks`); the other blocks' partials are empty.
    func blockPullbacks(
        parameters: [Float], tangent: [Float]?, share: Range<Int>,
        cotangent: (Int, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            -> Void
    ) -> [[Float]]
}

extension BatchEvaluator {
    /// The row range of block `block`.
    public func rowRange(block: Int) -> Range<Int> {
        (block * blockSize)..<min((block + 1) * blockSize, rows)
    }

    /// Runs `body(block)` for every block, spread over `threads` threads in contiguous groups.
    public func forEachBlock(_ body: (Int) -> Void) {
        Parallel.forEach(count: blockCount, threads: threads, body)
    }

    /// Every row's outputs after `forward(parameters:share:)`: the blocks of `share` from here,
    /// the others from the participants that computed them, through `reduction`.
    public func gatheredOutputs(share: Range<Int>, reduction: any SampleReduction) -> [Float] {
        guard share.count < blockCount else { return allOutputs() }
        let owned = (0..<blockCount).map { share.contains($0) ? Array(outputs(block: $0)) : [] }
        return Array(reduction.gather(blocks: owned).joined())
    }

    /// Σ over blocks of Jᵀū, reduced in block order in this process (see `blockPullbacks`; a
    /// distributed run reduces the blocks through its `SampleReduction` instead).
    public func pullback(
        parameters: [Float], tangent: [Float]? = nil,
        cotangent: (Int, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            -> Void
    ) -> [Float] {
        LocalReduction().sum(blocks: blockPullbacks(parameters: parameters, tangent: tangent, cotangent: cotangent), count: parameterCount)
    }
}

/// The least forward-pass work (multiply–adds) worth a thread of its own: about 20–40 µs of passes
/// here, where handing a region to a worker costs a few µs and more if it has parked. With 2¹⁸,
/// PPO's 256-row critic minibatches were split and `--threads 2` ran slower than `--threads 1`.
let minimumMultiplyAddsPerThread = 1 << 20

/// A `DifferentiableNetwork` evaluated on a batch split into fixed blocks of rows, optionally on
/// several threads. Each block owns a workspace; blocks touch disjoint memory, which is why the
/// type may cross threads. Reached through `any BatchEvaluator`, its passes would run as
/// unspecialised generic code (metadata look-ups and witness calls per block); `@specialized`
/// gives the MLP a compiled path that the generic entry points switch to at run time.
public final class BlockedNetwork<Network: DifferentiableNetwork>: BatchEvaluator, @unchecked Sendable {
    /// The network.
    public let network: Network
    public private(set) var rows: Int
    public let blockSize: Int
    public var threads: Int
    public private(set) var inputs: [Float]
    /// One workspace per block.
    public private(set) var workspaces: [Network.Workspace]
    /// Per block, the last partial gradient Jᵀū and the room for its ū (see `blockPullbacks`).
    private var partialGradients: [[Float]] = []
    private var cotangents: [[Float]] = []

    /// Prepares a batch of `rows` inputs.
    public init(network: Network, inputs: [Float], rows: Int, blockSize: Int = 256, threads: Int = 1) {
        precondition(inputs.count == rows * network.inputWidth, "inputs are not rows × inputWidth")
        self.network = network
        self.rows = rows
        self.blockSize = max(blockSize, 1)
        self.threads = max(threads, 1)
        self.inputs = inputs
        let blockCount = (rows + self.blockSize - 1) / self.blockSize
        workspaces = (0..<blockCount).map { _ in network.makeWorkspace(capacity: min(blockSize, rows)) }
    }

    public var inputWidth: Int { network.inputWidth }
    public var outputWidth: Int { network.outputWidth }
    public var parameterCount: Int { network.parameterCount }
    public var blockCount: Int { workspaces.count }

    @specialized(where Network == MLP)
    public func load(inputs newInputs: [Float], rows newRows: Int) {
        precondition(newInputs.count == newRows * network.inputWidth, "inputs are not rows × inputWidth")
        inputs = newInputs
        rows = newRows
        let needed = (newRows + blockSize - 1) / blockSize
        while workspaces.count < needed { workspaces.append(network.makeWorkspace(capacity: blockSize)) }
        if workspaces.count > needed { workspaces.removeLast(workspaces.count - needed) }
    }

    public func forward(parameters: [Float]) { forward(parameters: parameters, share: 0..<blockCount) }

    @specialized(where Network == MLP)
    public func forward(parameters: [Float], share: Range<Int>) {
        let share = share.clamped(to: 0..<blockCount)
        parameters.withUnsafeBufferPointer { theta in
            inputs.withUnsafeBufferPointer { x in
                guard let thetaBase = theta.baseAddress, let inputBase = x.baseAddress else { return }
                let (t, xb) = (thetaBase, inputBase)
                forEachSpreadBlock(of: share) { block in
                    let range = rowRange(block: block)
                    network.forward(
                        parameters: t, input: xb + range.lowerBound * network.inputWidth,
                        rows: range.count, workspace: workspaces[block])
                }
            }
        }
    }

    public func outputs(block: Int) -> UnsafeBufferPointer<Float> { workspaces[block].output }

    @specialized(where Network == MLP)
    public func allOutputs() -> [Float] {
        if blockCount == 1 { return Array(workspaces[0].output) }
        var result = [Float]()
        result.reserveCapacity(rows * network.outputWidth)
        for block in 0..<blockCount { result.append(contentsOf: workspaces[block].output) }
        return result
    }

    @specialized(where Network == MLP)
    public func blockPullbacks(
        parameters: [Float], tangent: [Float]?,
        cotangent: (Int, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            -> Void
    ) -> [[Float]] {
        blockPullbacks(parameters: parameters, tangent: tangent, share: 0..<blockCount, cotangent: cotangent)
    }

    @specialized(where Network == MLP)
    public func blockPullbacks(
        parameters: [Float], tangent: [Float]?, share: Range<Int>,
        cotangent: (Int, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            -> Void
    ) -> [[Float]] {
        let share = share.clamped(to: 0..<blockCount)
        let width = network.outputWidth
        let parameterCount = network.parameterCount
        reserveBlockBuffers(width: width, parameterCount: parameterCount)
        let tangentValues = tangent ?? []
        parameters.withUnsafeBufferPointer { theta in
            tangentValues.withUnsafeBufferPointer { v in
                guard let thetaBase = theta.baseAddress else { return }
                let (t, vb) = (thetaBase, tangent == nil ? nil : v.baseAddress)
                partialGradients.withUnsafeMutableBufferPointer { results in
                    cotangents.withUnsafeMutableBufferPointer { cotangentBuffers in
                        forEachSpreadBlock(of: share) { block in
                            let count = rowRange(block: block).count * width
                            // J v is consumed into ū before the pullback reuses the workspace's scratch space.
                            let jvp = vb.map {
                                network.differential(parameters: t, parameterTangent: $0, workspace: workspaces[block])
                            }
                            cotangentBuffers[block].withUnsafeMutableBufferPointer { whole in
                                let blockCotangent = UnsafeMutableBufferPointer(rebasing: whole[0..<count])
                                blockCotangent.update(repeating: 0)
                                cotangent(block, workspaces[block].output, jvp, blockCotangent)
                                results[block].withUnsafeMutableBufferPointer { g in
                                    guard let u = blockCotangent.baseAddress, let gb = g.baseAddress else { return }
                                    g.update(repeating: 0)
                                    network.pullback(
                                        parameters: t, outputCotangent: u, workspace: workspaces[block],
                                        parameterGradient: gb, inputGradient: nil)
                                }
                            }
                        }
                    }
                }
            }
        }
        guard share.count < blockCount else { return partialGradients }
        // Blocks outside the share were not computed: empty, as the protocol says.
        var owned = partialGradients
        for block in 0..<blockCount where !share.contains(block) { owned[block] = [] }
        return owned
    }

    /// Runs `body(block)` for every block, on up to `threads` threads, but inline when the pass is
    /// too small to be worth handing to another thread: each thread gets at least
    /// `minimumMultiplyAddsPerThread` of a forward pass's work. Which thread runs a block never
    /// changes its result.
    private func forEachSpreadBlock(of share: Range<Int>? = nil, _ body: (Int) -> Void) {
        let blocks = share ?? 0..<blockCount
        // Blocks are contiguous row ranges, so the share's rows come from its ends (no loop per call).
        let shareRows = blocks.isEmpty
            ? 0 : rowRange(block: blocks.upperBound - 1).upperBound - rowRange(block: blocks.lowerBound).lowerBound
        let work = shareRows * network.multiplyAddsPerRow
        let useful = max(1, min(threads, work / minimumMultiplyAddsPerThread))
        Parallel.forEach(count: blocks.count, threads: useful) { body(blocks.lowerBound + $0) }
    }

    /// One gradient and one cotangent buffer per block, kept from call to call: a fresh set per
    /// call made the allocator hand pages back and fault them in again (a critic fit makes
    /// thousands of these calls). A caller still holding the last result gets its own copy.
    private func reserveBlockBuffers(width: Int, parameterCount: Int) {
        if partialGradients.count > blockCount { partialGradients.removeLast(partialGradients.count - blockCount) }
        if cotangents.count > blockCount { cotangents.removeLast(cotangents.count - blockCount) }
        while partialGradients.count < blockCount {
            partialGradients.append([Float](repeating: 0, count: parameterCount))
        }
        while cotangents.count < blockCount { cotangents.append([Float](repeating: 0, count: blockSize * width)) }
    }
}
