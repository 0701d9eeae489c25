/// One named block of θ, in the layout other frameworks expect (PyTorch: a `Linear` layer's
/// `weight` is [out, in] row-major and its `bias` [out]).
public struct NamedParameterTensor: Sendable, Hashable {
    /// The name, e.g. `0.weight` (an index in `torch.nn.Sequential` and the parameter's name).
    public var name: String
    /// The dimensions, outermost first.
    public var shape: [Int]
    /// The elements, row-major.
    public var values: [Float]

    /// A tensor from its parts; `values.count` must be the product of `shape`.
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "tensor \(name): shape \(shape) does not hold \(values.count) values")
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Why θ could not be rebuilt from named tensors.
public enum NamedParameterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A tensor the network needs is absent.
    case missing(name: String)
    /// A tensor has another shape than the network's.
    case shapeMismatch(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missing(let name): return "tensor \(name) is missing"
        case .shapeMismatch(let name, let expected, let found): return "tensor \(name) has shape \(found), expected \(expected)"
        }
    }

    /// The values of `name` in `tensors`, checked to have `shape`.
    public static func values(_ name: String, shape: [Int], in tensors: [String: NamedParameterTensor]) throws -> [Float] {
        guard let tensor = tensors[name] else { throw NamedParameterError.missing(name: name) }
        guard tensor.shape == shape else { throw NamedParameterError.shapeMismatch(name: name, expected: shape, found: tensor.shape) }
        return tensor.values
    }
}

extension DifferentiableNetwork {
    /// The default naming: θ as it is, one tensor `parameters` of shape [|θ|] (for a network that
    /// has no per-layer naming of its own; its architecture in the file says how to read it).
    public func namedTensors(parameters: [Float]) -> [NamedParameterTensor] {
        [NamedParameterTensor(name: "parameters", shape: [parameters.count], values: parameters)]
    }

    /// The inverse of the default naming.
    public func parameters(fromNamedTensors tensors: [String: NamedParameterTensor]) throws -> [Float] {
        try NamedParameterError.values("parameters", shape: [parameterCount], in: tensors)
    }
}

// MARK: - MLP

extension MLP {
    /// PyTorch's `state_dict` of `torch.nn.Sequential(Linear, activation, Linear, …, Linear)`:
    /// layer l is Sequential module 2l, its `weight` the transpose of θ's [in, out] block.
    public func namedTensors(parameters: [Float]) -> [NamedParameterTensor] {
        (0..<layerCount).flatMap { layer -> [NamedParameterTensor] in
            let inputs = widths[layer], outputs = widths[layer + 1]
            let weights = weightOffset(layer: layer), bias = biasOffset(layer: layer)
            var transposed = [Float](repeating: 0, count: inputs * outputs)
            for input in 0..<inputs {
                for output in 0..<outputs { transposed[output * inputs + input] = parameters[weights + input * outputs + output] }
            }
            return [
                NamedParameterTensor(name: "\(2 * layer).weight", shape: [outputs, inputs], values: transposed),
                NamedParameterTensor(
                    name: "\(2 * layer).bias", shape: [outputs], values: Array(parameters[bias..<(bias + outputs)])),
            ]
        }
    }

    /// θ from a `torch.nn.Sequential` state_dict as `namedTensors` names it.
    public func parameters(fromNamedTensors tensors: [String: NamedParameterTensor]) throws -> [Float] {
        var parameters = [Float](repeating: 0, count: parameterCount)
        for layer in 0..<layerCount {
            let inputs = widths[layer], outputs = widths[layer + 1]
            let weight = try NamedParameterError.values("\(2 * layer).weight", shape: [outputs, inputs], in: tensors)
            let bias = try NamedParameterError.values("\(2 * layer).bias", shape: [outputs], in: tensors)
            let weights = weightOffset(layer: layer), biases = biasOffset(layer: layer)
            for input in 0..<inputs {
                for output in 0..<outputs { parameters[weights + input * outputs + output] = weight[output * inputs + input] }
            }
            for output in 0..<outputs { parameters[biases + output] = bias[output] }
        }
        return parameters
    }
}
