/// Scratch buffers for the passes of one `MLP` over a batch: allocated once, reused every call.
///
/// `forward` records every layer's output here; `pullback` and `differential` read them, so they
/// must follow a `forward` on the same rows and parameters. A workspace serves one thread at a time.
public final class MLPWorkspace {
    /// The network this workspace is shaped for.
    public let network: MLP
    /// The number of rows the buffers hold.
    public private(set) var capacity: Int
    /// activations[l]: layer l's output (rows × widths[l]); activations[0] is a copy of the input.
    @usableFromInline var activations: [UnsafeMutablePointer<Float>]
    /// Two ping-pong buffers of rows × max(width) for cotangents and tangents.
    @usableFromInline var scratchA: UnsafeMutablePointer<Float>
    @usableFromInline var scratchB: UnsafeMutablePointer<Float>
    /// The transpose of one weight matrix (max(width)²).
    @usableFromInline var transposedWeights: UnsafeMutablePointer<Float>
    /// The rows of the last forward pass.
    public internal(set) var rows: Int = 0

    /// A workspace for `network` with room for `capacity` rows (it grows if a larger batch comes).
    public init(network: MLP, capacity: Int) {
        self.network = network
        self.capacity = max(capacity, 1)
        let widest = network.widths.max() ?? 1
        activations = network.widths.map { UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1) * $0) }
        scratchA = .allocate(capacity: max(capacity, 1) * widest)
        scratchB = .allocate(capacity: max(capacity, 1) * widest)
        transposedWeights = .allocate(capacity: widest * widest)
    }

    deinit {
        for buffer in activations { buffer.deallocate() }
        scratchA.deallocate()
        scratchB.deallocate()
        transposedWeights.deallocate()
    }

    /// Makes room for `rows` rows, discarding contents if it has to grow.
    @usableFromInline
    func reserve(rows: Int) {
        guard rows > capacity else { return }
        let widest = network.widths.max() ?? 1
        for (layer, buffer) in activations.enumerated() {
            buffer.deallocate()
            activations[layer] = .allocate(capacity: rows * network.widths[layer])
        }
        scratchA.deallocate()
        scratchB.deallocate()
        scratchA = .allocate(capacity: rows * widest)
        scratchB = .allocate(capacity: rows * widest)
        capacity = rows
    }

    /// The network's output of the last forward pass (rows × outputWidth).
    public var output: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: activations[network.layerCount], count: rows * network.outputWidth)
    }
}

// MARK: - Conformances

extension MLPWorkspace: NetworkWorkspace {}

extension MLP: DifferentiableNetwork {
    /// A workspace for `capacity` rows.
    public func makeWorkspace(capacity: Int) -> MLPWorkspace { MLPWorkspace(network: self, capacity: capacity) }
}
