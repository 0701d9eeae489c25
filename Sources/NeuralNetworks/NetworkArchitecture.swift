import DenseLinearAlgebra

/// A network's description as files store it: a kind and text attributes, from which
/// `network()` rebuilds the network (an MLP: `kind "mlp"`, `widths "4,64,64,2"`, `activation "tanh"`).
///
/// Kinds other than the built-in ones are added with `NetworkArchitecture.register(kind:_:)`, so a
/// new network type needs no change to the file readers.
public struct NetworkArchitecture: Sendable, Hashable, Codable {
    /// The network type's name.
    public var kind: String
    /// Its settings, as text.
    public var attributes: [String: String]

    /// A description from its parts.
    public init(kind: String, attributes: [String: String]) {
        self.kind = kind
        self.attributes = attributes
    }

    /// The network this describes; throws if the kind is unknown or an attribute is invalid.
    public func network() throws -> any DifferentiableNetwork {
        guard let decoder = NetworkArchitecture.decoders.withLock({ $0[kind] }) else {
            throw NetworkArchitectureError.unknownKind(kind)
        }
        return try decoder(attributes)
    }

    /// Makes `kind` readable: `decoder` turns attributes back into the network.
    public static func register(
        kind: String, _ decoder: @escaping @Sendable ([String: String]) throws -> any DifferentiableNetwork
    ) {
        decoders.withLock { $0[kind] = decoder }
    }

    private static let decoders = LockedDictionary<String, @Sendable ([String: String]) throws -> any DifferentiableNetwork>(
        [
            "mlp": { try MLP(attributes: $0) }, "cnn": { try ConvolutionalNetwork(attributes: $0) },
            "output_columns": { try NetworkArchitecture.outputColumns($0) },
        ])
}

/// Why an architecture could not be rebuilt.
public enum NetworkArchitectureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No decoder is registered for the kind.
    case unknownKind(String)
    /// An attribute is missing or invalid.
    case invalidAttribute(kind: String, name: String, value: String?)

    public var description: String {
        switch self {
        case .unknownKind(let kind): return "unknown network kind \"\(kind)\""
        case .invalidAttribute(let kind, let name, let value):
            return "\(kind) network: attribute \(name) is \(value.map { "\"\($0)\"" } ?? "missing") or invalid"
        }
    }
}

// MARK: - MLP

extension MLP {
    /// kind "mlp": widths and activation.
    public var architecture: NetworkArchitecture {
        NetworkArchitecture(kind: "mlp", attributes: [
            "widths": widths.map(String.init).joined(separator: ","), "activation": activation.rawValue,
        ])
    }

    /// The MLP an architecture describes.
    public init(attributes: [String: String]) throws {
        guard let widths = attributes["widths"]?.split(separator: ",").map({ Int($0) }),
            // Bounded, so that counting the parameters cannot overflow (a fuzzed file once did).
            (2...64).contains(widths.count), widths.allSatisfy({ (1...(1 << 20)).contains($0 ?? 0) })
        else { throw NetworkArchitectureError.invalidAttribute(kind: "mlp", name: "widths", value: attributes["widths"]) }
        guard let activation = attributes["activation"].flatMap(Activation.init(rawValue:)) else {
            throw NetworkArchitectureError.invalidAttribute(
                kind: "mlp", name: "activation", value: attributes["activation"])
        }
        self.init(widths: widths.compactMap { $0 }, activation: activation)
    }
}
