import DenseLinearAlgebra

/// A network whose initial θ can give each output column its own gain: what a trunk shared by
/// heads of different scales needs (SB3 draws the action head with gain 0.01, the value head with 1).
public protocol ColumnwiseInitializable: DifferentiableNetwork {
    /// Initial θ with output column j drawn at gain `columnGains[j]`, runs of equal gains as one
    /// orthogonal block; all columns equal gives `initialParameters(outputGain:)`'s bits.
    func initialParameters(columnGains: [Float], stream: inout RandomStream) -> [Float]
}

extension MLP: ColumnwiseInitializable {}
extension ConvolutionalNetwork: ColumnwiseInitializable {}

/// Some output columns of a base network, over the base's θ: one head of a network that several
/// heads share (SB3's `share_features_extractor`: the policy's logits and the value on one NatureCNN).
///
/// Two `OutputColumns` of one base, handed the same θ, are a policy and a critic whose gradients
/// both reach the shared layers. θ is the base's, followed by `trailingParameters` entries this
/// network ignores (a Gaussian policy's log σ, so that the critic reads the policy's θ unchanged).
public struct OutputColumns<Base: ColumnwiseInitializable>: DifferentiableNetwork {
    /// The shared network.
    public let base: Base
    /// The base's output columns this network returns.
    public let columns: Range<Int>
    /// The gain the base's other output columns are drawn with at initialisation; this network's
    /// own columns take the gain `initialParameters(outputGain:)` is given.
    public let otherColumnsGain: Float
    /// Entries of θ after the base's that this network ignores.
    public let trailingParameters: Int

    /// Columns `columns` of `base`; the other columns are drawn with `otherColumnsGain`.
    public init(base: Base, columns: Range<Int>, otherColumnsGain: Float = 1, trailingParameters: Int = 0) {
        precondition(columns.lowerBound >= 0 && columns.upperBound <= base.outputWidth && !columns.isEmpty, "columns out of range")
        self.base = base
        self.columns = columns
        self.otherColumnsGain = otherColumnsGain
        self.trailingParameters = max(trailingParameters, 0)
    }

    public var inputWidth: Int { base.inputWidth }
    public var outputWidth: Int { columns.count }
    public var parameterCount: Int { base.parameterCount + trailingParameters }
    public var multiplyAddsPerRow: Int { base.multiplyAddsPerRow }

    /// kind "output_columns": the base's kind and attributes (prefixed `base.`), the columns and
    /// the trailing entries.
    public var architecture: NetworkArchitecture {
        let inner = base.architecture
        var attributes = Dictionary(uniqueKeysWithValues: inner.attributes.map { ("base.\($0.key)", $0.value) })
        attributes["base_kind"] = inner.kind
        attributes["columns"] = "\(columns.lowerBound),\(columns.upperBound)"
        attributes["trailing_parameters"] = String(trailingParameters)
        return NetworkArchitecture(kind: "output_columns", attributes: attributes)
    }

    public func makeWorkspace(capacity: Int) -> OutputColumnsWorkspace<Base.Workspace> {
        OutputColumnsWorkspace(base: base.makeWorkspace(capacity: capacity), width: columns.count)
    }

    public func forward(parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, rows: Int, workspace: Workspace) {
        base.forward(parameters: parameters, input: input, rows: rows, workspace: workspace.base)
        workspace.select(columns, of: workspace.base.output, baseWidth: base.outputWidth, rows: rows, into: .output)
    }

    public func forward(parameters: UnsafePointer<Float>, byteInput: UnsafePointer<UInt8>, rows: Int, workspace: Workspace) {
        base.forward(parameters: parameters, byteInput: byteInput, rows: rows, workspace: workspace.base)
        workspace.select(columns, of: workspace.base.output, baseWidth: base.outputWidth, rows: rows, into: .output)
    }

    /// The base's pullback of ū placed in this network's columns, zero in the others.
    public func pullback(
        parameters: UnsafePointer<Float>, outputCotangent: UnsafePointer<Float>, workspace: Workspace,
        parameterGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        let rows = workspace.rows, width = base.outputWidth
        var expanded = [Float](repeating: 0, count: rows * width)
        for row in 0..<rows {
            for (local, column) in columns.enumerated() {
                expanded[row * width + column] = outputCotangent[row * columns.count + local]
            }
        }
        expanded.withUnsafeBufferPointer { cotangent in
            guard let pointer = cotangent.baseAddress else { return }
            base.pullback(
                parameters: parameters, outputCotangent: pointer, workspace: workspace.base,
                parameterGradient: parameterGradient, inputGradient: inputGradient)
        }
    }

    public func differential(parameters: UnsafePointer<Float>, parameterTangent: UnsafePointer<Float>, workspace: Workspace)
        -> UnsafeBufferPointer<Float>
    {
        let full = base.differential(parameters: parameters, parameterTangent: parameterTangent, workspace: workspace.base)
        workspace.select(columns, of: full, baseWidth: base.outputWidth, rows: workspace.rows, into: .tangent)
        return workspace.tangentOutput
    }

    /// The base drawn with `outputGain` on this network's columns and the recorded gains on the
    /// others; the trailing entries zero.
    public func initialParameters(outputGain: Float, stream: inout RandomStream) -> [Float] {
        let gains = (0..<base.outputWidth).map { columns.contains($0) ? outputGain : otherColumnsGain }
        return base.initialParameters(columnGains: gains, stream: &stream)
            + [Float](repeating: 0, count: trailingParameters)
    }
}

extension NetworkArchitecture {
    /// The `OutputColumns` an `output_columns` architecture describes.
    static func outputColumns(_ attributes: [String: String]) throws -> any DifferentiableNetwork {
        func invalid(_ name: String) -> NetworkArchitectureError {
            .invalidAttribute(kind: "output_columns", name: name, value: attributes[name])
        }
        guard let kind = attributes["base_kind"], kind != "output_columns" else { throw invalid("base_kind") }
        let inner = Dictionary(uniqueKeysWithValues: attributes.compactMap { key, value in
            key.hasPrefix("base.") ? (String(key.dropFirst(5)), value) : nil
        })
        guard let base = try NetworkArchitecture(kind: kind, attributes: inner).network() as? any ColumnwiseInitializable
        else { throw invalid("base_kind") }
        let bounds = attributes["columns"]?.split(separator: ",").compactMap { Int($0) } ?? []
        guard bounds.count == 2, bounds[0] >= 0, bounds[0] < bounds[1], bounds[1] <= base.outputWidth else {
            throw invalid("columns")
        }
        guard let trailing = attributes["trailing_parameters"].flatMap(Int.init), (0...(1 << 20)).contains(trailing) else {
            throw invalid("trailing_parameters")
        }
        func make<Network: ColumnwiseInitializable>(_ base: Network) -> any DifferentiableNetwork {
            OutputColumns<Network>(base: base, columns: bounds[0]..<bounds[1], trailingParameters: trailing)
        }
        return make(base)
    }
}

/// The workspace of an `OutputColumns`: the base's, and the selected columns of its results.
public final class OutputColumnsWorkspace<BaseWorkspace: NetworkWorkspace>: NetworkWorkspace {
    /// The base network's workspace.
    public let base: BaseWorkspace
    let width: Int
    /// Room for `capacity` rows of selected outputs, then as many of selected tangents.
    private var storage: UnsafeMutablePointer<Float>
    private var capacity: Int

    init(base: BaseWorkspace, width: Int) {
        self.base = base
        self.width = width
        capacity = 0
        storage = .allocate(capacity: 1)
    }

    deinit { storage.deallocate() }

    public var rows: Int { base.rows }
    public var output: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: storage, count: rows * width) }
    /// The selected columns of the last differential.
    var tangentOutput: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: storage + capacity * width, count: rows * width)
    }

    public func borrowScratch(from pool: ScratchPool) { base.borrowScratch(from: pool) }
    public func returnScratch() { base.returnScratch() }

    enum Destination { case output, tangent }

    /// Copies `columns` of the rows × `baseWidth` values `source` into the destination.
    func select(
        _ columns: Range<Int>, of source: UnsafeBufferPointer<Float>, baseWidth: Int, rows: Int, into destination: Destination
    ) {
        if rows > capacity {
            // The outputs survive a growth (a differential follows the forward pass it reads).
            let grown = UnsafeMutablePointer<Float>.allocate(capacity: 2 * rows * width)
            grown.update(from: storage, count: capacity * width)
            storage.deallocate()
            (storage, capacity) = (grown, rows)
        }
        let target = destination == .output ? storage : storage + capacity * width
        for row in 0..<rows {
            for (local, column) in columns.enumerated() { target[row * width + local] = source[row * baseWidth + column] }
        }
    }
}
