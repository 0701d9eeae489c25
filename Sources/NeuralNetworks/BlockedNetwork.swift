import DenseLinearAlgebra

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
    public private(set) var inputs: InputRows
    /// One workspace per block.
    public private(set) var workspaces: [Network.Workspace]
    /// Per block, the last partial gradient Jᵀū and the room for its ū (see `blockPullbacks`).
    private var partialGradients: [[Float]] = []
    private var cotangents: [[Float]] = []
    /// The temporaries of the blocks' passes, shared: as many as run at once, not one per block.
    private let scratchPool = ScratchPool()

    /// Prepares a batch of `rows` inputs.
    public init(network: Network, inputs: InputRows, rows: Int, blockSize: Int = 256, threads: Int = 1) {
        precondition(inputs.count == rows * network.inputWidth, "inputs are not rows × inputWidth")
        self.network = network
        self.rows = rows
        self.blockSize = max(blockSize, 1)
        self.threads = max(threads, 1)
        self.inputs = inputs
        let blockCount = (rows + self.blockSize - 1) / self.blockSize
        workspaces = (0..<blockCount).map { _ in network.makeWorkspace(capacity: min(blockSize, rows)) }
        for workspace in workspaces { workspace.borrowScratch(from: scratchPool) }
    }

    public var inputWidth: Int { network.inputWidth }
    public var outputWidth: Int { network.outputWidth }
    public var parameterCount: Int { network.parameterCount }
    public var blockCount: Int { workspaces.count }
    /// Scratch buffers the blocks' passes have allocated (as many as ran at once).
    public var scratchBuffersAllocated: Int { scratchPool.allocatedCount }

    @specialized(where Network == MLP)
    public func load(inputs newInputs: InputRows, rows newRows: Int) {
        precondition(newInputs.count == newRows * network.inputWidth, "inputs are not rows × inputWidth")
        inputs = newInputs
        rows = newRows
        let needed = (newRows + blockSize - 1) / blockSize
        while workspaces.count < needed {
            let workspace = network.makeWorkspace(capacity: blockSize)
            workspace.borrowScratch(from: scratchPool)
            workspaces.append(workspace)
        }
        if workspaces.count > needed { workspaces.removeLast(workspaces.count - needed) }
    }

    public func forward(parameters: [Float]) { forward(parameters: parameters, share: 0..<blockCount) }

    @specialized(where Network == MLP)
    public func forward(parameters: [Float], share: Range<Int>) {
        let share = share.clamped(to: 0..<blockCount)
        let width = network.inputWidth
        parameters.withUnsafeBufferPointer { theta in
            guard let t = theta.baseAddress else { return }
            switch inputs.storage {
            case .float32:
                inputs.floats.withUnsafeBufferPointer { x in
                    guard let xb = x.baseAddress else { return }
                    forEachSpreadBlock(of: share) { block in
                        let range = rowRange(block: block)
                        network.forward(
                            parameters: t, input: xb + range.lowerBound * width, rows: range.count,
                            workspace: workspaces[block])
                    }
                }
            case .uint8:
                // Each block's rows contiguous: the stored bytes, or assembled from shared planes.
                forEachSpreadBlock(of: share) { block in
                    let range = rowRange(block: block)
                    inputs.withContiguousBytes(rows: range, width: width) { x in
                        network.forward(parameters: t, byteInput: x, rows: range.count, workspace: workspaces[block])
                    }
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
                                workspaces[block].returnScratch()
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
