import DenseLinearAlgebra
import NeuralNetworks

/// An MLP evaluated on a batch split into fixed blocks of rows, optionally on several threads.
///
/// Each block owns a workspace; per-block results (gradients) are reduced in block order, so the
/// bits do not depend on the number of threads: the block size, not the thread count, fixes the
/// summation order. Blocks touch disjoint memory, which is why the type may cross threads.
public final class BlockedNetwork: @unchecked Sendable {
    /// The network.
    public let network: MLP
    /// The rows of the batch.
    public private(set) var rows: Int
    /// Rows per block (the last may be shorter).
    public let blockSize: Int
    /// Threads to spread blocks over (1 = serial).
    public var threads: Int
    /// The batch's inputs, row-major rows × inputWidth.
    public private(set) var inputs: [Float]
    private(set) var workspaces: [MLPWorkspace]

    /// Prepares a batch of `rows` inputs.
    public init(network: MLP, inputs: [Float], rows: Int, blockSize: Int = 256, threads: Int = 1) {
        precondition(inputs.count == rows * network.inputWidth, "inputs are not rows × inputWidth")
        self.network = network
        self.rows = rows
        self.blockSize = max(blockSize, 1)
        self.threads = max(threads, 1)
        self.inputs = inputs
        let blockCount = (rows + self.blockSize - 1) / self.blockSize
        workspaces = (0..<blockCount).map { _ in MLPWorkspace(network: network, capacity: min(blockSize, rows)) }
    }

    /// Replaces the batch, reusing the workspaces (a critic's minibatches need no new memory).
    public func load(inputs newInputs: [Float], rows newRows: Int) {
        precondition(newInputs.count == newRows * network.inputWidth, "inputs are not rows × inputWidth")
        inputs = newInputs
        rows = newRows
        let needed = (newRows + blockSize - 1) / blockSize
        while workspaces.count < needed {
            workspaces.append(MLPWorkspace(network: network, capacity: blockSize))
        }
        if workspaces.count > needed { workspaces.removeLast(workspaces.count - needed) }
    }

    /// The number of blocks.
    public var blockCount: Int { workspaces.count }

    /// The row range of block `block`.
    public func rowRange(block: Int) -> Range<Int> {
        (block * blockSize)..<min((block + 1) * blockSize, rows)
    }

    /// Runs `body(block)` for every block, spread over `threads` threads in contiguous groups.
    public func forEachBlock(_ body: (Int) -> Void) {
        Parallel.forEach(count: blockCount, threads: threads, body)
    }

    /// Forward pass on every block at θ; outputs stay in the workspaces.
    public func forward(parameters: [Float]) {
        parameters.withUnsafeBufferPointer { theta in
            inputs.withUnsafeBufferPointer { x in
                guard let thetaBase = theta.baseAddress, let inputBase = x.baseAddress else { return }
                let (t, xb) = (thetaBase, inputBase)
                forEachBlock { block in
                    let range = rowRange(block: block)
                    network.forward(
                        parameters: t, input: xb + range.lowerBound * network.inputWidth,
                        rows: range.count, workspace: workspaces[block])
                }
            }
        }
    }

    /// The outputs of the last forward pass of block `block`.
    public func outputs(block: Int) -> UnsafeBufferPointer<Float> { workspaces[block].output }

    /// All outputs of the last forward pass, row-major rows × outputWidth.
    public func allOutputs() -> [Float] {
        var result = [Float]()
        result.reserveCapacity(rows * network.outputWidth)
        for block in 0..<blockCount { result.append(contentsOf: workspaces[block].output) }
        return result
    }

    /// Σ over blocks of Jᵀū, where `cotangent(block, outputs, destination)` writes each block's ū
    /// (rows × outputWidth) given its outputs. Blocks are reduced in order.
    public func pullback(
        parameters: [Float],
        cotangent: (Int, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void
    ) -> [Float] {
        let width = network.outputWidth
        var partials = [[Float]](repeating: [], count: blockCount)
        parameters.withUnsafeBufferPointer { theta in
            guard let thetaBase = theta.baseAddress else { return }
            let t = thetaBase
            partials.withUnsafeMutableBufferPointer { partialBuffer in
                let results = partialBuffer
                forEachBlock { block in
                    let count = rowRange(block: block).count * width
                    var blockCotangent = [Float](repeating: 0, count: count)
                    var gradient = [Float](repeating: 0, count: network.parameterCount)
                    blockCotangent.withUnsafeMutableBufferPointer { cotangentBuffer in
                        cotangent(block, workspaces[block].output, cotangentBuffer)
                        gradient.withUnsafeMutableBufferPointer { g in
                            guard let u = cotangentBuffer.baseAddress, let gb = g.baseAddress else { return }
                            network.pullback(
                                parameters: t, outputCotangent: u, workspace: workspaces[block],
                                parameterGradient: gb)
                        }
                    }
                    results[block] = gradient
                }
            }
        }
        var total = [Float](repeating: 0, count: network.parameterCount)
        for partial in partials where !partial.isEmpty {
            for index in total.indices { total[index] += partial[index] }
        }
        return total
    }

    /// For every block, J θ̇ handed to `body(block, outputs, tangents)`, after a forward at θ.
    public func differential(
        parameters: [Float], tangent: [Float],
        body: (Int, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void
    ) {
        parameters.withUnsafeBufferPointer { theta in
            tangent.withUnsafeBufferPointer { v in
                guard let thetaBase = theta.baseAddress, let vBase = v.baseAddress else { return }
                let (t, vb) = (thetaBase, vBase)
                forEachBlock { block in
                    let jvp = network.differential(
                        parameters: t, parameterTangent: vb, workspace: workspaces[block])
                    body(block, workspaces[block].output, jvp)
                }
            }
        }
    }
}
