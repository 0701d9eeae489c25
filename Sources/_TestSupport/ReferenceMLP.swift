import Foundation
import NeuralNetworks

/// A Double-precision reference forward pass with exact tanh, for finite differences.
public enum ReferenceMLP {
    /// The network's outputs (rows × outputWidth) in Double.
    public static func forward(_ network: MLP, _ parameters: [Double], _ input: [Double], rows: Int) -> [Double] {
        var activations = input
        for layer in 0..<network.layerCount {
            let fanIn = network.widths[layer], fanOut = network.widths[layer + 1]
            let w = network.weightOffset(layer: layer), b = network.biasOffset(layer: layer)
            var next = [Double](repeating: 0, count: rows * fanOut)
            for row in 0..<rows {
                for j in 0..<fanOut {
                    var z = parameters[b + j]
                    for i in 0..<fanIn { z += activations[row * fanIn + i] * parameters[w + i * fanOut + j] }
                    if layer < network.layerCount - 1 {
                        z = network.activation == .tanh ? Foundation.tanh(z) : max(z, 0)
                    }
                    next[row * fanOut + j] = z
                }
            }
            activations = next
        }
        return activations
    }
}
