import NeuralNetworks
import PolicyOptimization

extension TrainingConfiguration {
    /// The keys of image observations: the Atari wrapper, stacked frames and the convolutional trunk.
    static let imageKeys: [ConfigurationKey] = [
        ConfigurationKey(name: "features_extractor_class", apply: { configuration, value in
            guard case .string(let name) = value,
                let trunk = ConvolutionalArchitecture(rawValue: name.split(separator: ".").last.map(String.init) ?? name)
            else {
                throw invalid(
                    "features_extractor_class", value,
                    "one of " + ConvolutionalArchitecture.allCases.map(\.rawValue).joined(separator: ", "))
            }
            configuration.convolutionalNetwork = trunk
            return []
        }, read: { $0.convolutionalNetwork.map { .string($0.rawValue) } }),
        ConfigurationKey(name: "env_wrapper", apply: { configuration, value in
            try configuration.applyEnvironmentWrapper(value)
        }, read: { $0.atariWrapper ? .string("AtariWrapper") : nil }),
        boolean("share_features_extractor", \.sharesFeatures),
        integer("frame_stack", \.frameStack, minimum: 1),
        ConfigurationKey(name: "screen_size", apply: { configuration, value in
            let sides: [Int?]
            switch value {
            case .list(let items): sides = items.map(\.integerValue)
            default: sides = [value.integerValue, value.integerValue]
            }
            guard sides.count == 2, let height = sides[0], let width = sides[1], (1...210).contains(height),
                (1...160).contains(width)
            else { throw invalid("screen_size", value, "a size, or [height, width], within the 210 × 160 screen") }
            (configuration.screenHeight, configuration.screenWidth) = (height, width)
            return []
        }, read: { .list([.integer($0.screenHeight), .integer($0.screenWidth)]) }),
    ]

    /// `policy`: `MlpPolicy`, or `CnnPolicy` (NatureCNN unless `features_extractor_class` names another).
    mutating func applyPolicyClass(_ value: ConfigurationValue) throws -> [String] {
        switch value {
        case .string("MlpPolicy"): convolutionalNetwork = nil
        case .string("CnnPolicy"): convolutionalNetwork = convolutionalNetwork ?? .natureCNN
        default: throw Self.invalid("policy", value, "\"MlpPolicy\" or \"CnnPolicy\"")
        }
        return []
    }

    /// `env_wrapper`: SB3's `AtariWrapper` (by its name or the zoo's module path, alone or as a
    /// one-element list), or none (`[]`).
    mutating func applyEnvironmentWrapper(_ value: ConfigurationValue) throws -> [String] {
        var names: [ConfigurationValue] = []
        switch value {
        case .string: names = [value]
        case .list(let items): names = items
        default: break
        }
        let isAtari: (ConfigurationValue) -> Bool = { item in
            guard case .string(let name) = item else { return false }
            return name == "AtariWrapper" || name == "stable_baselines3.common.atari_wrappers.AtariWrapper"
        }
        guard names.count <= 1, names.allSatisfy(isAtari) else {
            throw Self.invalid("env_wrapper", value, "AtariWrapper (the only wrapper so far) or []")
        }
        atariWrapper = !names.isEmpty
        return []
    }
}
