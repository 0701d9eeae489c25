import Foundation
import NeuralNetworks

/// A Double-precision reference forward pass of a `ConvolutionalNetwork` by direct convolution
/// (no im2col), with exact tanh, for finite differences. Written from the documented θ layout:
/// per layer W (patch × filters, row-major) then b; a patch is (ky, kx, c), or (c, ky, kx) for a
/// channels-first first layer; hidden maps are height × width × channels.
public enum ReferenceConvolutionalNetwork {
    /// The network's outputs (rows × outputWidth) in Double.
    public static func forward(
        _ network: ConvolutionalNetwork, _ parameters: [Double], _ input: [Double], rows: Int
    ) -> [Double] {
        var outputs: [Double] = []
        for row in 0..<rows {
            let rowInput = Array(input[(row * network.inputWidth)..<((row + 1) * network.inputWidth)])
            // value(y, x, c) of the current layer's input.
            var (height, width, channels) = (network.inputHeight, network.inputWidthPixels, network.inputChannels)
            var current: [Double] = []
            for y in 0..<height {
                for x in 0..<width {
                    for c in 0..<channels {
                        let index = network.inputLayout == .channelsFirst
                            ? (c * height + y) * width + x : (y * width + x) * channels + c
                        current.append(rowInput[index] * Double(network.inputScale))
                    }
                }
            }
            for (layer, stage) in network.stages.enumerated() {
                let channelsFirstPatch = layer == 0 && network.inputLayout == .channelsFirst
                var next = [Double](repeating: 0, count: stage.outputSize)
                for outputY in 0..<stage.outputHeight {
                    for outputX in 0..<stage.outputWidth {
                        for filter in 0..<stage.filters {
                            var z = parameters[stage.biasOffset + filter]
                            for ky in 0..<stage.kernelHeight {
                                for kx in 0..<stage.kernelWidth {
                                    for c in 0..<channels {
                                        let patch = channelsFirstPatch
                                            ? (c * stage.kernelHeight + ky) * stage.kernelWidth + kx
                                            : (ky * stage.kernelWidth + kx) * channels + c
                                        let y = outputY * stage.stride + ky, x = outputX * stage.stride + kx
                                        z += current[(y * width + x) * channels + c]
                                            * parameters[stage.weightOffset + patch * stage.filters + filter]
                                    }
                                }
                            }
                            if layer < network.stages.count - 1 {
                                z = network.activation == .tanh ? Foundation.tanh(z) : max(z, 0)
                            }
                            next[(outputY * stage.outputWidth + outputX) * stage.filters + filter] = z
                        }
                    }
                }
                current = next
                (height, width, channels) = (stage.outputHeight, stage.outputWidth, stage.filters)
            }
            outputs += current
        }
        return outputs
    }
}
