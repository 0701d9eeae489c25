import DenseLinearAlgebra
import NeuralNetworks

/// The action distribution π(·|s) that a policy network parameterises: its parameter layout,
/// sampling, and what every update rule measures on a batch (log-probabilities, entropy,
/// KL(old‖new), and the Fisher metric M of the paper's Jᵀ M J product).
///
/// The network outputs `outputWidth` numbers per state (logits, means); `extraParameterCount`
/// state-independent parameters (a Gaussian's log σ) follow the network's in θ. A new
/// distribution conforms here, registers its `descriptor` kind for files, and maps an action
/// space onto itself in Rollouts' `ActionDistributions`; no trainer code changes.
public protocol PolicyDistribution: Sendable {
    /// Network outputs per state.
    var outputWidth: Int { get }
    /// The width of one stored action (discrete indices are stored as Floats).
    var actionWidth: Int { get }
    /// Parameters outside the network, at the end of θ.
    var extraParameterCount: Int { get }
    /// What a file records to rebuild the distribution.
    var descriptor: DistributionDescriptor { get }

    /// The initial extra parameters (log σ = `logStdInit` for a Gaussian).
    func initialExtraParameters(logStdInit: Float) -> [Float]

    /// The distributions of `rows` states, from the network's outputs (rows × outputWidth) and
    /// the extra parameters; per-row quantities are computed once here.
    func batch(outputs: [Float], extraParameters: [Float], rows: Int) -> any DistributionBatch

    /// An action per row — a draw from `stream` (rows in order), or the mode if `deterministic` —
    /// and its log-probability.
    func act(
        outputs: [Float], extraParameters: [Float], rows: Int, deterministic: Bool, stream: inout RandomStream
    ) -> (actions: [Float], logProbabilities: [Double])

    /// The number of actions when the distribution is over a finite set the vine can enumerate
    /// (a categorical's action count); nil otherwise.
    var enumerableActionCount: Int? { get }

    /// Every action of one state (stored form) with its probability, for an enumerable distribution.
    func enumeratedActions(outputs: ArraySlice<Float>) -> (actions: [Float], probabilities: [Double])

    /// The mean standard deviation of a continuous distribution (the `train/std` column), else NaN.
    func meanStandardDeviation(extraParameters: [Float]) -> Double

    /// The name of the extra parameters in policy files (SB3's `log_std` for a Gaussian).
    var extraParameterName: String { get }
}

extension PolicyDistribution {
    public func initialExtraParameters(logStdInit: Float) -> [Float] {
        [Float](repeating: logStdInit, count: extraParameterCount)
    }

    public var enumerableActionCount: Int? { nil }

    public func enumeratedActions(outputs: ArraySlice<Float>) -> (actions: [Float], probabilities: [Double]) {
        preconditionFailure("\(descriptor.kind) actions cannot be enumerated")
    }

    public func meanStandardDeviation(extraParameters: [Float]) -> Double { .nan }

    public var extraParameterName: String { "extra_parameters" }
}

/// The distributions π_θ(·|sᵢ) of a batch of states at one θ.
///
/// Cotangents and Fisher products are written per block of rows, inside the blocked network's
/// passes; sums over rows go through the batch's `SampleReduction`.
public protocol DistributionBatch: AnyObject {
    /// The number of states.
    var rows: Int { get }
    /// The network's outputs, rows × outputWidth.
    var outputs: [Float] { get }
    /// The extra parameters.
    var extraParameters: [Float] { get }

    /// log π(aᵢ|sᵢ) for every row (actions rows × actionWidth).
    func logProbabilities(actions: [Float]) -> [Double]
    /// (1/N) Σᵢ H[π(·|sᵢ)].
    func meanEntropy(reduction: any SampleReduction) -> Double
    /// KL(oldᵢ‖selfᵢ) for every row; `old` is a batch of the same distribution and rows.
    func divergences(from old: any DistributionBatch) -> [Double]
    /// For `rows` (a block, whose outputs start at `destination`): ∂/∂outputs of
    /// Σᵢ wᵢ log π(aᵢ|sᵢ) + c·H(π(·|sᵢ)), written over `destination` (block rows × outputWidth).
    func writeLogProbabilityCotangent(
        rows: Range<Int>, actions: [Float], weights: [Double], entropyWeight: Double,
        into destination: UnsafeMutableBufferPointer<Float>)
    /// ∂/∂extra of Σᵢ wᵢ log π(aᵢ|sᵢ) + `entropyWeight`·H̄ (empty without extra parameters).
    func extraParameterGradient(
        actions: [Float], weights: [Double], entropyWeight: Double, reduction: any SampleReduction) -> [Float]
    /// For `rows` (a block): scale · M(sᵢ) ż for the output tangents ż of those rows, over `destination`.
    func writeFisherProduct(
        rows: Range<Int>, tangent: UnsafeBufferPointer<Float>, scale: Double,
        into destination: UnsafeMutableBufferPointer<Float>)
    /// The Fisher block of the extra parameters applied to their tangent (closed form, state-independent).
    func extraFisherProduct(_ tangent: ArraySlice<Float>) -> [Float]
    /// ∂ log π(aᵢ|sᵢ) / ∂extra for every row, rows × extra count (the per-sample gradients of the
    /// empirical Fisher matrix; empty without extra parameters).
    func extraParameterLogProbabilityGradients(actions: [Float]) -> [Double]
}

extension DistributionBatch {
    public func extraParameterGradient(
        actions: [Float], weights: [Double], entropyWeight: Double, reduction: any SampleReduction
    ) -> [Float] { [] }

    public func extraFisherProduct(_ tangent: ArraySlice<Float>) -> [Float] { [] }

    public func extraParameterLogProbabilityGradients(actions: [Float]) -> [Double] {
        precondition(extraParameters.isEmpty, "a distribution with extra parameters must give their per-row gradients")
        return []
    }
}

/// A distribution's description in files: a kind and its sizes (`categorical [2]`,
/// `multi_categorical [3, 3, 2]`), rebuilt by `distribution()`.
public struct DistributionDescriptor: Sendable, Hashable, Codable {
    /// The distribution type's name.
    public var kind: String
    /// Its sizes (action counts, dimensions).
    public var sizes: [Int]

    public init(kind: String, sizes: [Int]) {
        self.kind = kind
        self.sizes = sizes
    }

    /// The distribution this describes; throws for an unknown kind or invalid sizes.
    public func distribution() throws -> any PolicyDistribution {
        guard let decoder = Self.decoders.withLock({ $0[kind] }) else {
            throw DistributionError.unknownKind(kind)
        }
        guard (1...4096).contains(sizes.count), sizes.allSatisfy({ (1...(1 << 20)).contains($0) }) else {
            throw DistributionError.invalidSizes(kind, sizes)
        }
        return try decoder(sizes)
    }

    /// Makes `kind` readable from files.
    public static func register(kind: String, _ decoder: @escaping @Sendable ([Int]) throws -> any PolicyDistribution) {
        decoders.withLock { $0[kind] = decoder }
    }

    private static let decoders = LockedDictionary<String, @Sendable ([Int]) throws -> any PolicyDistribution>([
        CategoricalDistribution.kind: { sizes in
            guard sizes.count == 1 else { throw DistributionError.invalidSizes(CategoricalDistribution.kind, sizes) }
            return CategoricalDistribution(actionCount: sizes[0])
        },
        DiagonalGaussianDistribution.kind: { sizes in
            guard sizes.count == 1 else { throw DistributionError.invalidSizes(DiagonalGaussianDistribution.kind, sizes) }
            return DiagonalGaussianDistribution(dimension: sizes[0])
        },
        MultiCategoricalDistribution.kind: { MultiCategoricalDistribution(actionCounts: $0) },
        BernoulliDistribution.kind: { sizes in
            guard sizes.count == 1 else { throw DistributionError.invalidSizes(BernoulliDistribution.kind, sizes) }
            return BernoulliDistribution(count: sizes[0])
        },
    ])
}

/// Why a distribution could not be rebuilt.
public enum DistributionError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownKind(String)
    case invalidSizes(String, [Int])

    public var description: String {
        switch self {
        case .unknownKind(let kind): return "unknown policy distribution \"\(kind)\""
        case .invalidSizes(let kind, let sizes): return "\(kind) distribution: invalid sizes \(sizes)"
        }
    }
}
