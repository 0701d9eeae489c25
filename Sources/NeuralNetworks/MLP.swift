import DenseLinearAlgebra

/// A multilayer perceptron whose parameters live in one flat Float vector θ.
///
/// Layer l (1-based) maps widths[l−1] → widths[l]: z = a·W + b, then the hidden activation on all
/// layers but the last, which is linear. In θ, each layer stores its weights W as a row-major
/// `widths[l−1] × widths[l]` block followed by its bias b; layers are views into θ, so conjugate
/// gradient and line searches treat θ as a plain vector. The type holds no parameters itself: every
/// pass takes θ, which keeps snapshots, line-search trials and checkpoints trivially cheap.
public struct MLP: Sendable, Hashable, Codable {
    /// The widths [input, hidden₁, …, output].
    public let widths: [Int]
    /// The nonlinearity of the hidden layers.
    public let activation: Activation

    /// Creates an MLP description.
    ///
    /// - Precondition: at least an input and an output width, all positive.
    public init(widths: [Int], activation: Activation = .tanh) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "MLP widths must be positive")
        self.widths = widths
        self.activation = activation
    }

    /// Creates an MLP from input width, hidden widths and output width.
    public init(inputWidth: Int, hiddenWidths: [Int], outputWidth: Int, activation: Activation = .tanh) {
        self.init(widths: [inputWidth] + hiddenWidths + [outputWidth], activation: activation)
    }

    /// The number of layers with parameters.
    public var layerCount: Int { widths.count - 1 }
    /// The input width.
    public var inputWidth: Int { widths[0] }
    /// The output width.
    public var outputWidth: Int { widths[widths.count - 1] }

    /// The offset in θ of layer `layer`'s weights (0-based layer index).
    public func weightOffset(layer: Int) -> Int {
        var offset = 0
        for previous in 0..<layer { offset += (widths[previous] + 1) * widths[previous + 1] }
        return offset
    }

    /// The offset in θ of layer `layer`'s bias (0-based layer index).
    public func biasOffset(layer: Int) -> Int {
        weightOffset(layer: layer) + widths[layer] * widths[layer + 1]
    }

    /// |θ|: the total number of parameters.
    public var parameterCount: Int { weightOffset(layer: layerCount) }

    /// Multiply–adds of one forward pass per input row (2× this is its FLOP count).
    public var multiplyAddsPerRow: Int {
        (0..<layerCount).reduce(0) { $0 + widths[$1] * widths[$1 + 1] }
    }

    /// Orthogonal initialisation as SB3's: each weight matrix orthogonal with gain √2 on hidden layers
    /// and `outputGain` on the last (0.01 for a policy head, 1 for a value head); biases zero.
    public func initialParameters(outputGain: Float, stream: inout RandomStream) -> [Float] {
        initialParameters(columnGains: Array(repeating: outputGain, count: outputWidth), stream: &stream)
    }

    /// As `initialParameters(outputGain:)`, with a gain per output column: each run of equal gains
    /// is its own orthogonal block (SB3's separate action and value heads on one trunk).
    public func initialParameters(columnGains: [Float], stream: inout RandomStream) -> [Float] {
        var parameters = [Float](repeating: 0, count: parameterCount)
        for layer in 0..<layerCount {
            let isOutput = layer == layerCount - 1
            let weights = OrthogonalInitialization.columnBlocks(
                rows: widths[layer],
                columnGains: isOutput ? columnGains : Array(repeating: Float(2.0).squareRoot(), count: widths[layer + 1]),
                stream: &stream)
            let offset = weightOffset(layer: layer)
            for index in weights.indices { parameters[offset + index] = weights[index] }
        }
        return parameters
    }
}

/// Orthogonal matrices for initialisation (Saxe et al. 2014), as `torch.nn.init.orthogonal_`.
public enum OrthogonalInitialization {
    /// A `rows × columns` row-major matrix with orthonormal rows or columns (whichever are fewer),
    /// scaled by `gain`: a Gaussian matrix's QR factor Q, with R's diagonal signs folded in so the
    /// distribution is uniform (Haar). Gram–Schmidt in Double, applied twice for stability.
    public static func matrix(rows: Int, columns: Int, gain: Float, stream: inout RandomStream) -> [Float] {
        let tall = max(rows, columns)
        let narrow = min(rows, columns)
        // `narrow` orthonormal vectors of length `tall`, one after another. Each sum runs in index
        // order, one term at a time, so the bits are those of the plain term-by-term loops
        // (`InitializationAndAdamTests`); pointers instead of arrays made NatureCNN's 3136 × 512
        // layer several times faster to draw.
        var vectors = [Double](repeating: 0, count: narrow * tall)
        vectors.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for next in 0..<narrow {
                let vector = base + next * tall
                for index in 0..<tall { vector[index] = stream.nextNormal() }
                for _ in 0..<2 {
                    for earlier in 0..<next {
                        let basis = UnsafePointer(base + earlier * tall)
                        var projection = 0.0
                        for index in 0..<tall { projection += vector[index] * basis[index] }
                        for index in 0..<tall { vector[index] -= projection * basis[index] }
                    }
                }
                var squares = 0.0
                for index in 0..<tall { squares += vector[index] * vector[index] }
                let norm = squares.squareRoot()
                if norm > 0 { for index in 0..<tall { vector[index] /= norm } }
            }
        }
        var result = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                // Columns are the orthonormal vectors when the matrix is tall, rows when it is wide.
                let value = rows >= columns ? vectors[column * tall + row] : vectors[row * tall + column]
                result[row * columns + column] = gain * Float(value)
            }
        }
        return result
    }

    /// A `rows × gains.count` row-major matrix whose columns come in blocks of equal gain, each
    /// block an orthogonal `matrix` of its own, drawn left to right (one block: `matrix` itself).
    public static func columnBlocks(rows: Int, columnGains: [Float], stream: inout RandomStream) -> [Float] {
        let columns = columnGains.count
        var result = [Float](repeating: 0, count: rows * columns)
        var start = 0
        while start < columns {
            var end = start + 1
            while end < columns && columnGains[end] == columnGains[start] { end += 1 }
            let block = matrix(rows: rows, columns: end - start, gain: columnGains[start], stream: &stream)
            for row in 0..<rows {
                for column in start..<end { result[row * columns + column] = block[row * (end - start) + column - start] }
            }
            start = end
        }
        return result
    }
}
