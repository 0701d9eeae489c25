import Foundation
import Testing
@testable import FiniteMDPs

/// The per-state problem max Σ π A s.t. KL(p ‖ π) ≤ κ against brute-force grids on the simplex.
@Suite struct KLConstrainedStateProblemTests {
    /// Every point of a grid on the simplex of 2 or 3 actions with step 1/resolution.
    static func simplexGrid(actions: Int, resolution: Int) -> [[Double]] {
        let step = 1 / Double(resolution)
        if actions == 2 { return (0...resolution).map { [Double($0) * step, 1 - Double($0) * step] } }
        var points: [[Double]] = []
        for i in 0...resolution {
            for j in 0...(resolution - i) {
                points.append([Double(i) * step, Double(j) * step, max(0, 1 - Double(i + j) * step)])
            }
        }
        return points
    }

    /// (p, A, κ) cases: interior, tiny and large budgets, ties, and a better action outside the
    /// support of p.
    static let cases: [([Double], [Double], Double)] = [
        ([0.5, 0.5], [1, -1], 0.05),
        ([0.9, 0.1], [-0.2, 0.3], 0.2),
        ([0.3, 0.7], [2, 0], 5.0),  // almost all mass moves to the first action
        ([0.2, 0.3, 0.5], [0.1, -0.4, 0.05], 0.1),
        ([0.2, 0.3, 0.5], [1, 1, 0], 0.02),  // tied best actions
        ([0.5, 0.5, 0], [0, -1, 1], 0.3),  // the best action has p = 0
        ([1.0 / 3, 1.0 / 3, 1.0 / 3], [0.5, -0.25, -0.25], 1e-4),
    ]

    @Test(arguments: 0..<cases.count)
    func budgetedSolutionBeatsEveryFeasibleGridPoint(index: Int) {
        let (p, advantages, kappa) = Self.cases[index]
        let problem = KLConstrainedStateProblem(reference: p, advantages: advantages)
        let solution = problem.solve(klBudget: kappa)
        let value = problem.value(of: solution.distribution)
        #expect(abs(solution.distribution.reduce(0, +) - 1) < 1e-12)
        #expect(solution.distribution.allSatisfy { $0 >= 0 })
        #expect(solution.kl <= kappa * (1 + 1e-10))
        if solution.multiplier > 0 { #expect(abs(solution.kl - kappa) <= 1e-10 * kappa) }
        var gridBest = -Double.infinity
        for point in Self.simplexGrid(actions: p.count, resolution: p.count == 2 ? 100_000 : 600)
        where klDivergence(p, point) <= kappa {
            gridBest = max(gridBest, problem.value(of: point))
        }
        let range = (advantages.max() ?? 0) - (advantages.min() ?? 0)
        #expect(value >= gridBest - 1e-12)  // optimal: nothing feasible is better
        #expect(value <= gridBest + (p.count == 2 ? 1e-4 : 2e-2) * range)  // and the grid gets close
    }

    /// The Lagrangian maximiser π_λ beats every grid point on Σ π A − λ KL(p ‖ π).
    @Test(arguments: [0.01, 0.3, 1.0, 10.0, 1000.0])
    func lagrangianMaximizerIsOptimal(lambda: Double) {
        for (p, advantages, _) in Self.cases where p.count == 3 {
            let problem = KLConstrainedStateProblem(reference: p, advantages: advantages)
            let (distribution, kl) = problem.maximizer(multiplier: lambda)
            #expect(abs(kl - klDivergence(p, distribution)) < 1e-12)
            let objective = problem.value(of: distribution) - lambda * kl
            for point in Self.simplexGrid(actions: 3, resolution: 200) {
                let divergence = klDivergence(p, point)
                guard divergence.isFinite else { continue }
                #expect(objective >= problem.value(of: point) - lambda * divergence - 1e-12)
            }
        }
    }

    @Test func flatStateKeepsTheReference() {
        let problem = KLConstrainedStateProblem(reference: [0.25, 0.75, 0], advantages: [0.5, 0.5, -1])
        #expect(problem.isFlat)
        let solution = problem.solve(klBudget: 1)
        #expect(solution.distribution == [0.25, 0.75, 0] && solution.kl == 0 && solution.multiplier == 0)
    }

    @Test func limitWithoutBudget() {
        let problem = KLConstrainedStateProblem(reference: [0.2, 0.3, 0.5], advantages: [1, 1, 0])
        #expect(problem.largestUsefulKL == .infinity)
        #expect(problem.limitMaximizer.enumerated().allSatisfy { abs($1 - [0.4, 0.6, 0][$0]) < 1e-15 })
        let outside = KLConstrainedStateProblem(reference: [0.5, 0.5, 0], advantages: [0, -1, 1])
        #expect(outside.limitMaximizer == [0, 0, 1])
        // Large budgets approach the limit, and the KL grows without bound as λ → 0.
        let wide = problem.solve(klBudget: 30).distribution
        #expect(abs(wide[2]) < 1e-9)
        let divergences = [1.0, 1e-3, 1e-6, 1e-12].map { problem.maximizer(multiplier: $0).kl }
        #expect(zip(divergences, divergences.dropFirst()).allSatisfy { $0 < $1 })
        #expect(divergences[3] > 10)
    }
}
