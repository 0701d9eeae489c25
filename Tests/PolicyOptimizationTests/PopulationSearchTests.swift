import DenseLinearAlgebra
import Foundation
import Testing
@testable import PolicyOptimization

/// CEM and CMA-ES on toy objectives where their behaviour is known.
@Suite struct PopulationSearchTests {
    /// Runs `generations` generations of `search` maximising `fitness`; returns the search.
    func optimise<Search: PopulationSearch>(_ search: Search, generations: Int, seed: UInt64 = 1,
                                            _ fitness: ([Double]) -> Double) -> Search {
        var search = search
        var stream = RandomStream(seed: seed)
        for _ in 0..<generations {
            let candidates = search.propose(stream: &stream)
            search.learn(candidates: candidates, fitness: candidates.map { fitness($0.map(Double.init)) })
        }
        return search
    }

    static let target: [Double] = [1.5, -0.5, 0.25, 2, -1]
    static func sphere(_ x: [Double]) -> Double { -zip(x, target).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }

    /// CEM (n = 50, ρ = 0.2, σ₀ = 1, no extra noise) on −‖x − c‖² in 5 dimensions from 0: the mean
    /// is within 1e-2 of c after 60 generations, and σ has shrunk below 1e-2 (it concentrates).
    @Test func crossEntropyFindsTheQuadraticsMaximum() {
        var settings = CrossEntropySettings()
        settings.populationSize = 50
        settings.initialStandardDeviation = 1
        settings.extraStandardDeviation = 0
        let search = optimise(CrossEntropySearch(mean: [0, 0, 0, 0, 0], settings: settings), generations: 60, Self.sphere)
        #expect(-Self.sphere(search.mean) < 1e-4, "mean \(search.mean)")
        #expect(search.standardDeviations.allSatisfy { $0 < 1e-2 })
        #expect(search.eliteCount == 10 && search.generation == 60)
    }

    /// The extra noise keeps σ² ≥ Z_g while it lasts: with extra σ 0.3 over 1,000 generations,
    /// σ stays ≥ 0.3 · √(1 − g/1000) after 50 generations although the elite has collapsed.
    @Test func crossEntropyExtraNoiseKeepsTheSpread() {
        var settings = CrossEntropySettings()
        settings.extraStandardDeviation = 0.3
        settings.extraNoiseGenerations = 1000
        let search = optimise(CrossEntropySearch(mean: [0, 0, 0, 0, 0], settings: settings), generations: 50, Self.sphere)
        #expect(search.standardDeviations.allSatisfy { $0 >= 0.3 * (1 - 49.0 / 1000).squareRoot() - 1e-12 })
    }

    /// CMA-ES with its defaults (λ = 10 in 10-D) reaches f < 1e-10 on the sphere from x₀ = 1, σ₀ = 0.5,
    /// within 250 generations (2,500 evaluations; Hansen's tutorial reports about 1,500).
    @Test func covarianceMatrixAdaptationSolvesTheSphere() {
        var settings = CovarianceMatrixAdaptationSettings()
        settings.initialStepSize = 0.5
        let search = optimise(CovarianceMatrixAdaptation(mean: [Double](repeating: 1, count: 10), settings: settings),
                              generations: 250) { x in -x.reduce(0) { $0 + $1 * $1 } }
        #expect(search.populationSize == 10 && !search.isSeparable)
        #expect(search.mean.reduce(0) { $0 + $1 * $1 } < 1e-10, "mean \(search.mean)")
    }

    /// A rotated ellipsoid (condition 10⁶, 6-D): full CMA-ES learns the rotation and reaches
    /// f < 1e-8 in 600 generations; the diagonal (separable) variant, which cannot represent the
    /// rotation, is still above 1e-4 there.
    @Test func fullCovarianceLearnsARotatedEllipsoid() {
        let n = 6
        // A fixed rotation: the eigenvectors of a random symmetric matrix.
        var stream = RandomStream(seed: 9)
        var random = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { random[i * n + j] = stream.nextNormal(); random[j * n + i] = random[i * n + j] } }
        let rotation = SymmetricEigendecomposition.decompose(random, dimension: n).vectors
        func ellipsoid(_ x: [Double]) -> Double {
            -(0..<n).reduce(0.0) { total, i in
                let y = (0..<n).reduce(0.0) { $0 + rotation[$1 * n + i] * x[$1] }
                return total + pow(1e6, Double(i) / Double(n - 1)) * y * y
            }
        }
        var settings = CovarianceMatrixAdaptationSettings()
        let full = optimise(CovarianceMatrixAdaptation(mean: [Double](repeating: 1, count: n), settings: settings),
                            generations: 600, ellipsoid)
        settings.fullCovarianceLimit = 0
        let separable = optimise(CovarianceMatrixAdaptation(mean: [Double](repeating: 1, count: n), settings: settings),
                                 generations: 600, ellipsoid)
        #expect(separable.isSeparable && !full.isSeparable)
        #expect(-ellipsoid(full.mean) < 1e-8, "full CMA-ES: \(-ellipsoid(full.mean))")
        #expect(-ellipsoid(separable.mean) > 1e-4, "separable CMA-ES: \(-ellipsoid(separable.mean))")
    }

    /// The state round-trips: a search decoded from another's state proposes the same candidates.
    @Test func statesRoundTrip() throws {
        var cma = optimise(CovarianceMatrixAdaptation(mean: [1, 2, 3], settings: .init()), generations: 7, Self.sphereIn3)
        var cem = optimise(CrossEntropySearch(mean: [1, 2, 3], settings: .init()), generations: 7, Self.sphereIn3)
        var state = UpdateRuleState()
        cma.encode(into: &state)
        cem.encode(into: &state)
        var cmaCopy = CovarianceMatrixAdaptation(mean: [0, 0, 0], settings: .init())
        var cemCopy = CrossEntropySearch(mean: [0, 0, 0], settings: .init())
        try cmaCopy.decode(state)
        try cemCopy.decode(state)
        var (a, b) = (RandomStream(seed: 4), RandomStream(seed: 4))
        #expect(cma.propose(stream: &a) == cmaCopy.propose(stream: &b))
        #expect(cem.propose(stream: &a) == cemCopy.propose(stream: &b))
    }

    static func sphereIn3(_ x: [Double]) -> Double { -x.reduce(0) { $0 + $1 * $1 } }
}
