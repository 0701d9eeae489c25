import DenseLinearAlgebra

/// Scratch memory of one network's passes over a batch of rows, reused from call to call.
///
/// A pass records what the next pass needs (a forward pass its activations, for the pullback and
/// the differential that follow it); a workspace serves one thread at a time.
public protocol NetworkWorkspace: AnyObject {
    /// The rows of the last forward pass.
    var rows: Int { get }
    /// The network's output of the last forward pass, rows × outputWidth.
    var output: UnsafeBufferPointer<Float> { get }
    /// Borrow a pass's temporaries from `pool` from now on instead of keeping them.
    func borrowScratch(from pool: ScratchPool)
    /// Gives borrowed temporaries back (a pass's results in them are gone).
    func returnScratch()
}

extension NetworkWorkspace {
    /// Workspaces whose temporaries are small keep them.
    public func borrowScratch(from pool: ScratchPool) {}
    public func returnScratch() {}
}

/// A function of a batch of input rows whose parameters are one flat Float vector θ, with its
/// two derivatives: what every policy, critic and Fisher-vector product is written against.
///
/// - `forward`: y = f(x; θ) for each row.
/// - `pullback` (reverse mode, a vector–Jacobian product): θ̄ += Jᵀū for output cotangents ū.
/// - `differential` (forward mode, a Jacobian–vector product): ẏ = J θ̇ for a parameter tangent θ̇.
///
/// Together they give the paper's Fisher-vector product Jᵀ M J v without second derivatives
/// (Schulman et al. 2015, Appendix C.1). The network holds no parameters; every pass takes θ, so
/// conjugate gradient and line searches treat θ as a plain vector. `MLP` conforms; a convolutional
/// trunk or a composite conforms the same way, and nothing above this layer changes.
public protocol DifferentiableNetwork: Sendable, Hashable {
    /// The workspace type of this network's passes.
    associatedtype Workspace: NetworkWorkspace

    /// The width of one input row.
    var inputWidth: Int { get }
    /// The width of one output row.
    var outputWidth: Int { get }
    /// |θ|.
    var parameterCount: Int { get }
    /// Multiply–adds of one forward pass per input row (2× this is its FLOP count).
    var multiplyAddsPerRow: Int { get }
    /// What a file records so that `NetworkArchitecture.network()` rebuilds this network.
    var architecture: NetworkArchitecture { get }

    /// A workspace with room for `capacity` rows (it grows if a larger batch comes).
    func makeWorkspace(capacity: Int) -> Workspace

    /// Runs the network on `rows` inputs (row-major, rows × inputWidth) at θ; the result is
    /// `workspace.output`, and the workspace keeps what `pullback` and `differential` need (copied:
    /// `input` need not outlive the call).
    func forward(parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, rows: Int, workspace: Workspace)

    /// `forward` on byte rows (pixels 0…255), read as the `Float` of each byte: the same outputs
    /// and workspace as `forward` on those `Float`s. The default converts the rows to `Float`s;
    /// `ConvolutionalNetwork` reads the bytes as its first layer gathers them (no `Float` copy).
    func forward(parameters: UnsafePointer<Float>, byteInput: UnsafePointer<UInt8>, rows: Int, workspace: Workspace)

    /// θ̄ += Jᵀū for output cotangents ū (rows × outputWidth), and the input cotangents if asked for.
    /// Must follow `forward` on the same workspace, rows and parameters.
    func pullback(
        parameters: UnsafePointer<Float>, outputCotangent: UnsafePointer<Float>, workspace: Workspace,
        parameterGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?)

    /// J θ̇ (rows × outputWidth), valid until the next pass on `workspace`. Must follow `forward`
    /// on the same workspace, rows and parameters.
    func differential(parameters: UnsafePointer<Float>, parameterTangent: UnsafePointer<Float>, workspace: Workspace)
        -> UnsafeBufferPointer<Float>

    /// Initial θ; `outputGain` scales the last layer (SB3: 0.01 for a policy head, 1 for a value head).
    func initialParameters(outputGain: Float, stream: inout RandomStream) -> [Float]

    /// θ as named tensors in PyTorch's convention, for files other frameworks read (`policy.safetensors`).
    /// The default (see `NamedParameters.swift`) is θ itself, one tensor named `parameters`.
    func namedTensors(parameters: [Float]) -> [NamedParameterTensor]

    /// θ back from the tensors `namedTensors` gives, looked up by name; throws naming a missing or
    /// mis-shaped tensor.
    func parameters(fromNamedTensors tensors: [String: NamedParameterTensor]) throws -> [Float]
}

// MARK: - Batched evaluators of any network

extension DifferentiableNetwork {
    /// A blocked, thread-invariant evaluator of this network on a batch (see `BlockedNetwork`).
    public func makeBlockedEvaluator(inputs: [Float], rows: Int, blockSize: Int = 256, threads: Int = 1)
        -> any BatchEvaluator
    {
        makeBlockedEvaluator(inputs: InputRows(floats: inputs), rows: rows, blockSize: blockSize, threads: threads)
    }

    /// A blocked evaluator of this network on rows stored as `Float`s or bytes.
    public func makeBlockedEvaluator(inputs: InputRows, rows: Int, blockSize: Int = 256, threads: Int = 1)
        -> any BatchEvaluator
    {
        BlockedNetwork(network: self, inputs: inputs, rows: rows, blockSize: blockSize, threads: threads)
    }

    /// The default byte forward pass: the rows converted to `Float`s, then `forward`.
    public func forward(
        parameters: UnsafePointer<Float>, byteInput: UnsafePointer<UInt8>, rows: Int, workspace: Workspace
    ) {
        let count = rows * inputWidth
        let converted = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        defer { converted.deallocate() }
        for index in 0..<count { converted[index] = Float(byteInput[index]) }
        forward(parameters: parameters, input: converted, rows: rows, workspace: workspace)
    }

    /// The network's outputs (rows × outputWidth) for `input` (rows × inputWidth), allocating.
    public func outputs(parameters: [Float], input: [Float], rows: Int) -> [Float] {
        let evaluator = makeBlockedEvaluator(inputs: input, rows: rows, blockSize: max(rows, 1))
        evaluator.forward(parameters: parameters)
        return evaluator.allOutputs()
    }
}
