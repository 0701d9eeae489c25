import DenseLinearAlgebra

/// A convolutional network over image rows whose parameters live in one flat Float vector θ:
/// convolution layers (valid padding, any stride), then dense layers, then a linear output layer.
///
/// Every hidden layer is followed by `activation`; the output layer is linear. The input rows are
/// images of pixel values (0...255 for Atari frames) laid out as `inputLayout` says; the first
/// layer multiplies them by `inputScale` (1/255) as it reads them, so no scaled copy of a batch is
/// ever made. Hidden feature maps are height × width × channels (channels last); a dense layer
/// reads the flattened map in that order.
///
/// Each layer is a convolution with a k_h × k_w kernel (a dense layer's kernel covers its whole
/// input), so every layer is one matrix product over an im2col of its input: for each output
/// position p, the patch x_p (k_h·k_w·C values) times W (k_h·k_w·C × F) plus b. In θ, each layer
/// stores W row-major followed by b, as `MLP` does; a patch is ordered (ky, kx, c) for channels-last
/// inputs and (c, ky, kx) for a channels-first first layer (PyTorch's `Conv2d` order).
public struct ConvolutionalNetwork: Sendable, Hashable {
    /// One hidden layer.
    public enum Layer: Sendable, Hashable {
        /// `filters` kernels of `kernel × kernel`, moved `stride` pixels at a time, no padding.
        case convolution(filters: Int, kernel: Int, stride: Int)
        /// A fully connected layer of `width` units over the flattened input.
        case dense(width: Int)
    }

    /// How an input row's pixels are ordered.
    public enum InputLayout: String, Sendable, Hashable, CaseIterable {
        /// channels × height × width: Gymnasium's `FrameStackObservation` and PyTorch's order.
        case channelsFirst = "channels_first"
        /// height × width × channels: SB3's `VecFrameStack` before `VecTransposeImage`.
        case channelsLast = "channels_last"
    }

    /// Input height, width and channels.
    public let inputHeight: Int, inputWidthPixels: Int, inputChannels: Int
    /// The input rows' pixel order.
    public let inputLayout: InputLayout
    /// The hidden layers, input side first.
    public let hiddenLayers: [Layer]
    /// The width of the linear output layer.
    public let outputWidth: Int
    /// The hidden layers' nonlinearity (ReLU in NatureCNN and Baselines' cnn_small).
    public let activation: Activation
    /// The factor the first layer applies to the input (1/255 for bytes).
    public let inputScale: Float
    /// The layers as matrix products over patches, output layer last.
    public let stages: [ConvolutionStage]

    /// A network description; throws if a kernel does not fit its input or a size is not positive.
    public init(
        inputHeight: Int, inputWidth: Int, inputChannels: Int, inputLayout: InputLayout = .channelsFirst,
        hiddenLayers: [Layer], outputWidth: Int, activation: Activation = .relu, inputScale: Float = 1 / 255
    ) throws {
        guard [inputHeight, inputWidth, inputChannels, outputWidth].allSatisfy({ (1...(1 << 16)).contains($0) }),
            hiddenLayers.count <= 64
        else { throw ConvolutionalNetworkError.invalidShape("input and output sizes must be in 1...65536") }
        self.inputHeight = inputHeight
        self.inputWidthPixels = inputWidth
        self.inputChannels = inputChannels
        self.inputLayout = inputLayout
        self.hiddenLayers = hiddenLayers
        self.outputWidth = outputWidth
        self.activation = activation
        self.inputScale = inputScale
        var stages: [ConvolutionStage] = []
        var (height, width, channels, offset) = (inputHeight, inputWidth, inputChannels, 0)
        for layer in hiddenLayers + [.dense(width: outputWidth)] {
            let stage: ConvolutionStage
            switch layer {
            case .convolution(let filters, let kernel, let stride):
                guard (1...(1 << 16)).contains(filters), kernel >= 1, stride >= 1, kernel <= height, kernel <= width
                else {
                    throw ConvolutionalNetworkError.invalidShape(
                        "a \(kernel)×\(kernel) kernel (stride \(stride), \(filters) filters) on a \(height)×\(width) input")
                }
                stage = ConvolutionStage(
                    inputHeight: height, inputWidth: width, inputChannels: channels, kernelHeight: kernel,
                    kernelWidth: kernel, stride: stride, filters: filters, weightOffset: offset)
            case .dense(let units):
                guard (1...(1 << 20)).contains(units) else {
                    throw ConvolutionalNetworkError.invalidShape("a dense layer of \(units) units")
                }
                stage = ConvolutionStage(
                    inputHeight: height, inputWidth: width, inputChannels: channels, kernelHeight: height,
                    kernelWidth: width, stride: 1, filters: units, weightOffset: offset)
            }
            stages.append(stage)
            (height, width, channels) = (stage.outputHeight, stage.outputWidth, stage.filters)
            offset = stage.biasOffset + stage.filters
        }
        self.stages = stages
    }

    /// The width of one input row: height · width · channels.
    public var inputWidth: Int { inputHeight * inputWidthPixels * inputChannels }
    /// |θ|.
    public var parameterCount: Int { stages.last.map { $0.biasOffset + $0.filters } ?? 0 }
    /// Multiply–adds of one forward pass per input row: Σ positions · patch size · filters.
    public var multiplyAddsPerRow: Int { stages.reduce(0) { $0 + $1.positions * $1.patchSize * $1.filters } }

    /// Whether stage `index` reads its input through an im2col (a convolution, or the first layer,
    /// which also scales); a later dense layer reads its input rows directly.
    func needsColumns(_ index: Int) -> Bool { index == 0 || !stages[index].isDense }

    /// Orthogonal initialisation as SB3's `ortho_init`: each layer's W (patch size × filters)
    /// orthogonal with gain √2, the output layer with `outputGain`; biases zero.
    public func initialParameters(outputGain: Float, stream: inout RandomStream) -> [Float] {
        initialParameters(columnGains: Array(repeating: outputGain, count: outputWidth), stream: &stream)
    }

    /// As `initialParameters(outputGain:)`, with a gain per output column: each run of equal gains
    /// is its own orthogonal block (SB3's action and value heads on one shared NatureCNN).
    public func initialParameters(columnGains: [Float], stream: inout RandomStream) -> [Float] {
        var parameters = [Float](repeating: 0, count: parameterCount)
        for (index, stage) in stages.enumerated() {
            let isOutput = index == stages.count - 1
            let weights = OrthogonalInitialization.columnBlocks(
                rows: stage.patchSize,
                columnGains: isOutput ? columnGains : Array(repeating: Float(2.0).squareRoot(), count: stage.filters),
                stream: &stream)
            for entry in weights.indices { parameters[stage.weightOffset + entry] = weights[entry] }
        }
        return parameters
    }
}

/// One layer of a `ConvolutionalNetwork` as a matrix product over patches of its input.
public struct ConvolutionStage: Sendable, Hashable {
    /// The input's height, width and channels.
    public let inputHeight: Int, inputWidth: Int, inputChannels: Int
    /// The kernel's size and stride.
    public let kernelHeight: Int, kernelWidth: Int, stride: Int
    /// F: the output channels (a dense layer's units).
    public let filters: Int
    /// The offset of W (patchSize × filters, row-major) in θ; b follows it.
    public let weightOffset: Int

    /// The output's height: ⌊(H − k_h)/s⌋ + 1.
    public var outputHeight: Int { (inputHeight - kernelHeight) / stride + 1 }
    /// The output's width.
    public var outputWidth: Int { (inputWidth - kernelWidth) / stride + 1 }
    /// P: output positions.
    public var positions: Int { outputHeight * outputWidth }
    /// K: the values of one patch.
    public var patchSize: Int { kernelHeight * kernelWidth * inputChannels }
    /// Values of one input row.
    public var inputSize: Int { inputHeight * inputWidth * inputChannels }
    /// Values of one output row: P · F.
    public var outputSize: Int { positions * filters }
    /// The offset of b in θ.
    public var biasOffset: Int { weightOffset + patchSize * filters }
    /// A dense layer: one patch, the whole input.
    public var isDense: Bool { kernelHeight == inputHeight && kernelWidth == inputWidth }
}

/// Why a convolutional network could not be described.
public enum ConvolutionalNetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A layer does not fit its input, or a size is out of range.
    case invalidShape(String)

    public var description: String {
        switch self {
        case .invalidShape(let message): return "convolutional network: \(message)"
        }
    }
}
