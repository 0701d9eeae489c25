import Environments
import NeuralNetworks
import PolicyOptimization
import Rollouts

// MARK: - Image observations

extension Agent {
    /// The id the agent's vector environment is made from: the id itself, or with the Atari
    /// wrapper the `atari:` scheme's stack of it (`AtariEnvironments.AtariTraining`, registered
    /// with the Atari ids), `atari:<frame_stack>/<id>`, or `atari:<frames>x<height>x<width>/<id>`
    /// for another screen size than 84 × 84.
    public static func vectorEnvironmentID(for id: String, settings: TrainingConfiguration) -> String {
        guard settings.atariWrapper else { return id }
        let size = (settings.screenHeight, settings.screenWidth) == (84, 84)
            ? "" : "x\(settings.screenHeight)x\(settings.screenWidth)"
        return "atari:\(settings.frameStack)\(size)/\(id)"
    }

    /// The policy and value networks of a convolutional configuration on `environment`'s images,
    /// or nil for MLPs (the trainer's default); with `share_features_extractor` two heads of one
    /// network (`OutputColumns`), which the trainer gives one θ.
    ///
    /// The image shape is the copies' `ObservationLayout`: height × width (one channel),
    /// channels × height × width (a frame stack; channels first when the last dimension is not a
    /// colour count of at most 4), or height × width × channels (an RGB screen).
    static func convolutionalNetworks(settings: TrainingConfiguration, environment: any VectorEnvironmentProtocol)
        throws -> (policy: any DifferentiableNetwork, value: any DifferentiableNetwork)?
    {
        guard let trunk = settings.convolutionalNetwork else {
            guard !settings.sharesFeatures else {
                throw ConfigurationError.invalidValue(
                    key: "share_features_extractor", value: "true",
                    expected: "false for MLP policies (π and V share a trunk only with a features_extractor_class, CnnPolicy)")
            }
            return nil
        }
        // The copies' layout, through any vector environment that passes it on (also `mpirun`'s).
        guard let shape = environment.observationLayout?.shape else {
            throw ConfigurationError.unsupported(
                "\(trunk.rawValue) needs image observations of a known shape (a byte-observation environment)")
        }
        let (height, width, channels, layout): (Int, Int, Int, ConvolutionalNetwork.InputLayout)
        switch shape.count {
        case 2: (height, width, channels, layout) = (shape[0], shape[1], 1, .channelsFirst)
        case 3 where shape[2] > 4: (height, width, channels, layout) = (shape[1], shape[2], shape[0], .channelsFirst)
        case 3: (height, width, channels, layout) = (shape[0], shape[1], shape[2], .channelsLast)
        default:
            throw ConfigurationError.unsupported("\(trunk.rawValue) needs 2- or 3-dimensional images, not \(shape)")
        }
        let distribution = ActionDistributions.distribution(for: environment.actionSpace)
        do {
            if settings.sharesFeatures {
                // One trunk, two heads: logits in the first columns, V in the last (SB3's action_net
                // and value_net on one NatureCNN, drawn at gains 0.01 and 1).
                let heads = distribution.outputWidth
                let joint = try trunk.network(
                    height: height, width: width, channels: channels, layout: layout, outputWidth: heads + 1)
                return (
                    OutputColumns(base: joint, columns: 0..<heads, otherColumnsGain: 1),
                    OutputColumns(
                        base: joint, columns: heads..<(heads + 1), otherColumnsGain: 0.01,
                        trailingParameters: distribution.extraParameterCount))
            }
            let policy = try trunk.network(
                height: height, width: width, channels: channels, layout: layout, outputWidth: distribution.outputWidth)
            let value = try trunk.network(height: height, width: width, channels: channels, layout: layout, outputWidth: 1)
            return (policy, value)
        } catch {
            throw ConfigurationError.unsupported("\(trunk.rawValue) does not fit \(shape) images: \(error)")
        }
    }
}
