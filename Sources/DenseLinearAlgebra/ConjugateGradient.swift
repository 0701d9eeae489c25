/// Why a conjugate-gradient solve stopped.
public enum ConjugateGradientTermination: String, Sendable, Hashable, Codable {
    /// ‖r‖ ≤ tolerance: the solution is as accurate as asked.
    case converged
    /// The iteration cap was reached first (the usual case in TRPO, k = 10 in the paper).
    case iterationLimit
    /// pᵀAp ≤ 0: the operator is not positive definite along p; the last iterate is returned.
    case nonPositiveCurvature
    /// A non-finite value appeared; the last finite iterate is returned.
    case nonFinite
}

/// The result of `conjugateGradient`: x ≈ A⁻¹b with how it got there.
public struct ConjugateGradientResult: Sendable, Hashable {
    /// The approximate solution x.
    public var solution: [Float]
    /// How many matrix-vector products were taken.
    public var iterations: Int
    /// ‖b − A x‖₂ of the returned solution (as tracked by the recurrence).
    public var residualNorm: Double
    /// Why the solver stopped.
    public var termination: ConjugateGradientTermination
}

/// Solves A x = b for a symmetric positive (semi)definite A given only as x ↦ A x.
///
/// Hestenes and Stiefel's method from x₀ = 0 (Schulman et al. 2015, Appendix C: s ≈ A⁻¹g with
/// k = 10 iterations). Scalars αₖ, βₖ and the residual norms are accumulated in Double. The solver
/// never produces NaN: on pᵀAp ≤ 0 or a non-finite value it stops and returns the last good iterate
/// with the reason.
///
/// - Parameters:
///   - apply: the operator, x ↦ A x (a Fisher-vector product in TRPO).
///   - b: the right-hand side.
///   - maxIterations: the cap on operator applications.
///   - residualTolerance: stop once ‖r‖₂ ≤ this (absolute).
public func conjugateGradient(
    applying apply: ([Float]) throws -> [Float],
    to b: [Float],
    maxIterations: Int,
    residualTolerance: Double = 1e-10
) rethrows -> ConjugateGradientResult {
    var x = [Float](repeating: 0, count: b.count)
    guard VectorOperations.allFinite(b) else {
        return ConjugateGradientResult(solution: x, iterations: 0, residualNorm: .nan, termination: .nonFinite)
    }
    var residual = b
    var direction = b
    var residualSquared = VectorOperations.dot(residual, residual)
    var iterations = 0
    while iterations < maxIterations {
        if residualSquared.squareRoot() <= residualTolerance {
            return ConjugateGradientResult(
                solution: x, iterations: iterations, residualNorm: residualSquared.squareRoot(),
                termination: .converged)
        }
        let product = try apply(direction)
        iterations += 1
        let curvature = VectorOperations.dot(direction, product)
        guard curvature.isFinite, VectorOperations.allFinite(product) else {
            return ConjugateGradientResult(
                solution: x, iterations: iterations, residualNorm: residualSquared.squareRoot(),
                termination: .nonFinite)
        }
        guard curvature > 0 else {
            return ConjugateGradientResult(
                solution: x, iterations: iterations, residualNorm: residualSquared.squareRoot(),
                termination: .nonPositiveCurvature)
        }
        let alpha = residualSquared / curvature
        VectorOperations.axpy(Float(alpha), direction, &x)
        VectorOperations.axpy(Float(-alpha), product, &residual)
        let nextResidualSquared = VectorOperations.dot(residual, residual)
        let beta = nextResidualSquared / residualSquared
        residualSquared = nextResidualSquared
        for index in direction.indices {
            direction[index] = residual[index] + Float(beta) * direction[index]
        }
    }
    let termination: ConjugateGradientTermination =
        residualSquared.squareRoot() <= residualTolerance ? .converged : .iterationLimit
    return ConjugateGradientResult(
        solution: x, iterations: iterations, residualNorm: residualSquared.squareRoot(), termination: termination)
}
