import DenseLinearAlgebra
import Foundation
import Policies
import _TestSupport

/// A random policy problem and Double-precision references of its quantities, for finite differences.
struct PolicyProblem {
    let policy: Policy
    let rows: Int
    let observations: [Float]
    let actions: [Float]
    let theta: [Float]

    init(head: PolicyHead, observationWidth: Int = 3, hidden: [Int] = [6, 5], rows: Int = 7, seed: UInt64) {
        policy = Policy(observationWidth: observationWidth, hiddenWidths: hidden, head: head)
        self.rows = rows
        var stream = RandomStream(seed: seed)
        theta = (0..<policy.parameterCount).map { _ in Float(stream.nextNormal() * 0.4) }
        observations = (0..<(rows * observationWidth)).map { _ in Float(stream.nextNormal()) }
        switch head {
        case .categorical(let count):
            actions = (0..<rows).map { _ in Float(stream.nextInt(below: count)) }
        case .diagonalGaussian(let dimension):
            actions = (0..<(rows * dimension)).map { _ in Float(stream.nextNormal()) }
        }
    }

    func batch(threads: Int = 1, blockSize: Int = 256) -> PolicyBatch {
        PolicyBatch(
            policy: policy, observations: observations, actions: actions, rows: rows, blockSize: blockSize,
            threads: threads)
    }

    /// Per-row log-probabilities of every action (categorical) in Double at θ.
    func categoricalLogProbabilities(_ t: [Double], count: Int) -> [[Double]] {
        let outputs = ReferenceMLP.forward(policy.network, t, observations.map(Double.init), rows: rows)
        return (0..<rows).map { row in
            let z = Array(outputs[(row * count)..<((row + 1) * count)])
            let largest = z.max() ?? 0
            let lse = largest + log(z.reduce(0) { $0 + exp($1 - largest) })
            return z.map { $0 - lse }
        }
    }

    /// Σᵢ wᵢ log π_t(aᵢ|sᵢ) + c·mean entropy, in Double.
    func weightedLogLikelihood(_ t: [Double], weights: [Double], entropyWeight: Double) -> Double {
        var total = 0.0
        switch policy.head {
        case .categorical(let count):
            let table = categoricalLogProbabilities(t, count: count)
            for row in 0..<rows {
                total += weights[row] * table[row][Int(actions[row])]
                total -= entropyWeight / Double(rows) * table[row].reduce(0) { $0 + exp($1) * $1 }
            }
        case .diagonalGaussian(let dimension):
            let means = ReferenceMLP.forward(policy.network, t, observations.map(Double.init), rows: rows)
            let logStd = Array(t[policy.logStdOffset...])
            for row in 0..<rows {
                for d in 0..<dimension {
                    let z = (Double(actions[row * dimension + d]) - means[row * dimension + d]) / exp(logStd[d])
                    total += weights[row] * (-0.5 * z * z - logStd[d] - 0.5 * log(2 * Double.pi))
                }
            }
            total += entropyWeight * logStd.reduce(0) { $0 + $1 + 0.5 + 0.5 * log(2 * Double.pi) }
        }
        return total
    }

    /// The mean KL(π_old‖π_t) over the batch, in Double.
    func meanDivergence(old: [Double], new: [Double]) -> Double {
        var total = 0.0
        switch policy.head {
        case .categorical(let count):
            let p = categoricalLogProbabilities(old, count: count), q = categoricalLogProbabilities(new, count: count)
            for row in 0..<rows {
                for a in 0..<count { total += exp(p[row][a]) * (p[row][a] - q[row][a]) }
            }
        case .diagonalGaussian(let dimension):
            let input = observations.map(Double.init)
            let oldMeans = ReferenceMLP.forward(policy.network, old, input, rows: rows)
            let newMeans = ReferenceMLP.forward(policy.network, new, input, rows: rows)
            for row in 0..<rows {
                for d in 0..<dimension {
                    let so = old[policy.logStdOffset + d], sn = new[policy.logStdOffset + d]
                    let difference = oldMeans[row * dimension + d] - newMeans[row * dimension + d]
                    total += sn - so + (exp(2 * so) + difference * difference) / (2 * exp(2 * sn)) - 0.5
                }
            }
        }
        return total / Double(rows)
    }
}
