import DenseLinearAlgebra

// MARK: - Conformance and files

extension ConvolutionalNetwork: DifferentiableNetwork {
    /// A workspace for `capacity` rows.
    public func makeWorkspace(capacity: Int) -> ConvolutionalWorkspace {
        ConvolutionalWorkspace(network: self, capacity: capacity)
    }

    /// kind "cnn": `input_shape` (in the layout's order), `input_layout`, `layers`
    /// (`conv:F:K:S;…;dense:U`), `outputs`, `activation`, `input_scale`.
    public var architecture: NetworkArchitecture {
        let shape = inputLayout == .channelsFirst
            ? [inputChannels, inputHeight, inputWidthPixels] : [inputHeight, inputWidthPixels, inputChannels]
        let layers = hiddenLayers.map { layer -> String in
            switch layer {
            case .convolution(let filters, let kernel, let stride): return "conv:\(filters):\(kernel):\(stride)"
            case .dense(let width): return "dense:\(width)"
            }
        }
        return NetworkArchitecture(kind: "cnn", attributes: [
            "input_shape": shape.map(String.init).joined(separator: ","), "input_layout": inputLayout.rawValue,
            "layers": layers.joined(separator: ";"), "outputs": String(outputWidth),
            "activation": activation.rawValue, "input_scale": String(inputScale),
        ])
    }

    /// The network an architecture of kind "cnn" describes.
    public init(attributes: [String: String]) throws {
        func invalid(_ name: String) -> NetworkArchitectureError {
            .invalidAttribute(kind: "cnn", name: name, value: attributes[name])
        }
        guard let layout = attributes["input_layout"].flatMap(InputLayout.init(rawValue:)) else {
            throw invalid("input_layout")
        }
        guard let shape = attributes["input_shape"]?.split(separator: ",").compactMap({ Int($0) }), shape.count == 3
        else { throw invalid("input_shape") }
        let (channels, height, width) = layout == .channelsFirst
            ? (shape[0], shape[1], shape[2]) : (shape[2], shape[0], shape[1])
        let layerText = attributes["layers"] ?? ""
        var layers: [Layer] = []
        for item in layerText.split(separator: ";") {
            let parts = item.split(separator: ":")
            let numbers = parts.dropFirst().compactMap { Int($0) }
            switch (parts.first, numbers.count, parts.count) {
            case ("conv", 3, 4): layers.append(.convolution(filters: numbers[0], kernel: numbers[1], stride: numbers[2]))
            case ("dense", 1, 2): layers.append(.dense(width: numbers[0]))
            default: throw invalid("layers")
            }
        }
        guard let outputs = attributes["outputs"].flatMap({ Int($0) }) else { throw invalid("outputs") }
        guard let activation = attributes["activation"].flatMap(Activation.init(rawValue:)) else {
            throw invalid("activation")
        }
        guard let scale = attributes["input_scale"].flatMap({ Float($0) }), scale.isFinite else {
            throw invalid("input_scale")
        }
        do {
            try self.init(
                inputHeight: height, inputWidth: width, inputChannels: channels, inputLayout: layout,
                hiddenLayers: layers, outputWidth: outputs, activation: activation, inputScale: scale)
        } catch {
            throw invalid("layers")
        }
    }
}

// MARK: - The named architectures

/// The convolutional trunks of the references, by the names `policy_kwargs` uses.
public enum ConvolutionalArchitecture: String, Sendable, Hashable, CaseIterable {
    /// SB3's `NatureCNN` (Mnih et al. 2015), the RL Zoo's and SB3-contrib's `CnnPolicy`:
    /// 32 8×8/4, 64 4×4/2, 64 3×3/1, 512 units, ReLU.
    case natureCNN = "NatureCNN"
    /// OpenAI Baselines' `cnn_small` (its `trpo_mpi` Atari network): 8 8×8/4, 16 4×4/2, 128 units, ReLU.
    case cnnSmall = "cnn_small"
    /// The TRPO paper's network (Schulman et al. 2015, §8.2, Table 3): 16 4×4/2, 16 4×4/2,
    /// 20 units. The paper's 33,500 parameters fit 4 frames of 52×40 (the 210×160 screen shrunk 4×
    /// each way): 33,332 + 21·A, so 33,458 with 6 actions (33,416 with Breakout's 4, 33,710 with 18);
    /// 84×84×4 would give about 121,000. The
    /// nonlinearity is not stated; tanh as in the paper's other networks.
    case trpoPaper = "TRPOPaper"

    /// The hidden layers.
    public var hiddenLayers: [ConvolutionalNetwork.Layer] {
        switch self {
        case .natureCNN:
            return [
                .convolution(filters: 32, kernel: 8, stride: 4), .convolution(filters: 64, kernel: 4, stride: 2),
                .convolution(filters: 64, kernel: 3, stride: 1), .dense(width: 512),
            ]
        case .cnnSmall:
            return [.convolution(filters: 8, kernel: 8, stride: 4), .convolution(filters: 16, kernel: 4, stride: 2), .dense(width: 128)]
        case .trpoPaper:
            return [.convolution(filters: 16, kernel: 4, stride: 2), .convolution(filters: 16, kernel: 4, stride: 2), .dense(width: 20)]
        }
    }

    /// The hidden layers' nonlinearity.
    public var activation: Activation { self == .trpoPaper ? .tanh : .relu }

    /// This trunk with a linear head of `outputWidth` on images of the given shape.
    public func network(
        height: Int, width: Int, channels: Int, layout: ConvolutionalNetwork.InputLayout = .channelsFirst,
        outputWidth: Int
    ) throws -> ConvolutionalNetwork {
        try ConvolutionalNetwork(
            inputHeight: height, inputWidth: width, inputChannels: channels, inputLayout: layout,
            hiddenLayers: hiddenLayers, outputWidth: outputWidth, activation: activation)
    }
}
