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
    /// The batch's inputs, row-major rows × inputWidth, as `Float`s or bytes.
    var inputs: InputRows { get }
    /// The network's input width.
    var inputWidth: Int { get }
    /// The network's output width.
    var outputWidth: Int { get }
    /// |θ|.
    var parameterCount: Int { get }

    /// Replaces the batch, reusing the workspaces.
    func load(inputs: InputRows, rows: Int)
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
    /// Replaces the batch with rows stored as `Float`s.
    public func load(inputs: [Float], rows: Int) { load(inputs: InputRows(floats: inputs), rows: rows) }

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
