import DenseLinearAlgebra
import RealModule

/// CMA-ES over θ with Hansen's default strategy parameters ("The CMA Evolution Strategy: A
/// Tutorial", 2016, Table 1), the full covariance C for n ≤ `fullCovarianceLimit` and the
/// diagonal one of sep-CMA-ES (Ros & Hansen 2008, learning rates × (n + 2)/3) above it.
///
/// Candidates xₖ = m + σ B D zₖ with zₖ ~ N(0, I) and C = B D² Bᵀ; `learn` ranks them, moves m to
/// the weighted mean of the best μ = ⌊λ/2⌋, updates the evolution paths p_σ and p_c, C (rank-one
/// and rank-μ) and σ (cumulative step-size adaptation).
public struct CovarianceMatrixAdaptation: PopulationSearch {
    public let settings: CovarianceMatrixAdaptationSettings
    public let dimension: Int
    public let populationSize: Int
    /// Whether C is diagonal (sep-CMA-ES).
    public let isSeparable: Bool
    let weights: [Double]
    let effectiveMass: Double
    let pathRate, dampening, covariancePathRate, rankOneRate, rankMuRate, expectedNorm: Double

    public internal(set) var mean: [Double]
    /// σ.
    public internal(set) var stepSize: Double
    /// p_σ and p_c.
    var conjugatePath, covariancePath: [Double]
    /// C: n × n row-major, or its diagonal (separable).
    var covariance: [Double]
    /// B (n × n, full only) and D (the square roots of C's eigenvalues).
    var eigenvectors: [Double]
    var scales: [Double]
    public internal(set) var generation = 0
    var decompositionGeneration = 0

    /// A search centred on `mean` with C = I and σ = σ₀.
    public init(mean: [Double], settings: CovarianceMatrixAdaptationSettings) {
        let n = mean.count
        self.settings = settings
        dimension = n
        self.mean = mean
        let size = Double(n)
        populationSize = max(settings.populationSize ?? 4 + Int(3 * Double.log(size)), 2)
        isSeparable = n > settings.fullCovarianceLimit
        let parents = populationSize / 2
        let raw = (1...parents).map { Double.log(Double(parents) + 0.5) - Double.log(Double($0)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        let mass = 1 / weights.reduce(0) { $0 + $1 * $1 }
        effectiveMass = mass
        pathRate = (mass + 2) / (size + mass + 5)
        dampening = 1 + 2 * max(0, ((mass - 1) / (size + 1)).squareRoot() - 1) + pathRate
        covariancePathRate = (4 + mass / size) / (size + 4 + 2 * mass / size)
        var rankOne = 2 / ((size + 1.3) * (size + 1.3) + mass)
        var rankMu = min(1 - rankOne, 2 * (mass - 2 + 1 / mass) / ((size + 2) * (size + 2) + mass))
        if isSeparable {
            rankOne *= (size + 2) / 3
            rankMu = min(1 - rankOne, rankMu * (size + 2) / 3)
        }
        rankOneRate = rankOne
        rankMuRate = rankMu
        expectedNorm = size.squareRoot() * (1 - 1 / (4 * size) + 1 / (21 * size * size))
        stepSize = settings.initialStepSize
        conjugatePath = [Double](repeating: 0, count: n)
        covariancePath = [Double](repeating: 0, count: n)
        scales = [Double](repeating: 1, count: n)
        if isSeparable {
            covariance = [Double](repeating: 1, count: n)
            eigenvectors = []
        } else {
            covariance = [Double](repeating: 0, count: n * n)
            for i in 0..<n { covariance[i * n + i] = 1 }
            eigenvectors = covariance
        }
    }

    public mutating func propose(stream: inout RandomStream) -> [[Float]] {
        let n = dimension
        return (0..<populationSize).map { _ in
            let z = (0..<n).map { scales[$0] * stream.nextNormal() }
            return (0..<n).map { i in
                var y = z[i]
                if !isSeparable {
                    y = 0
                    for j in 0..<n { y += eigenvectors[i * n + j] * z[j] }
                }
                return Float(mean[i] + stepSize * y)
            }
        }
    }

    /// C^(−1/2) v = B D⁻¹ Bᵀ v (or v / √diag C).
    func inverseSquareRoot(_ v: [Double]) -> [Double] {
        let n = dimension
        if isSeparable { return (0..<n).map { v[$0] / scales[$0] } }
        let rotated = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + eigenvectors[$1 * n + j] * v[$1] } / scales[j] }
        return (0..<n).map { i in (0..<n).reduce(0.0) { $0 + eigenvectors[i * n + $1] * rotated[$1] } }
    }
}
