import DenseLinearAlgebra
import Environments
import Policies
import Testing
@testable import PolicyOptimization

/// A contextual bandit with a vector action: each step shows one of `contexts` one-hot contexts
/// and pays 1 for every action coordinate equal to the context's target (episodes of 8 steps).
/// A uniform policy earns `chance` per step; the best policy earns the number of coordinates.
final class VectorActionBandit: Environment {
    let actionSpace: Space
    let observationSpace: Space
    let contexts = 3
    /// Target of coordinate j in context c.
    let targets: [[Int]]
    private var stream = RandomStream(seed: 0)
    private var context = 0
    private var steps = 0

    /// `.multiDiscrete(counts)` or `.multiBinary(count)`.
    init(actionSpace: Space) {
        self.actionSpace = actionSpace
        observationSpace = .box(low: [0, 0, 0], high: [1, 1, 1])
        let counts: [Int]
        switch actionSpace {
        case .multiDiscrete(let values): counts = values
        case .multiBinary(let count): counts = [Int](repeating: 2, count: count)
        default: preconditionFailure("a vector action space")
        }
        targets = (0..<3).map { c in counts.enumerated().map { j, count in (c + 2 * j) % count } }
    }

    /// Expected reward per step of the uniform policy.
    var chance: Double {
        switch actionSpace {
        case .multiDiscrete(let counts): return counts.reduce(0) { $0 + 1 / Double($1) }
        default: return Double(actionSpace.dimension) / 2
        }
    }

    private var observation: [Float] { (0..<contexts).map { $0 == context ? 1 : 0 } }

    func reset(seed: UInt64?) throws -> [Float] {
        if let seed { stream = RandomStream(seed: seed, stream: 9) }
        context = stream.nextInt(below: contexts)
        steps = 0
        return observation
    }

    func step(_ action: Action) throws -> StepResult {
        let values: [Int]
        switch action {
        case .multiDiscrete(let chosen), .multiBinary(let chosen): values = chosen
        default: throw EnvironmentError.actionKindMismatch(action: action, space: actionSpace)
        }
        let reward = Double(zip(values, targets[context]).filter { $0 == $1 }.count)
        context = stream.nextInt(below: contexts)
        steps += 1
        return StepResult(observation: observation, reward: reward, terminated: false, truncated: steps == 8)
    }

    func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(integers: stream.state + [UInt64(context), UInt64(steps)])
    }

    func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard snapshot.integers.count == 6, let restored = RandomStream(state: Array(snapshot.integers[0..<4]), spareNormal: nil)
        else { throw EnvironmentError.invalidSnapshot(environment: "bandit", reason: "expected 6 integers") }
        stream = restored
        context = Int(snapshot.integers[4])
        steps = Int(snapshot.integers[5])
    }
}

@Suite struct ActionSpaceLearningTests {
    /// TRPO learns the bandit with MultiDiscrete([3, 3, 2]) actions (a product of categoricals) and
    /// with MultiBinary(4) actions (independent Bernoullis): seed 0, 40 iterations of 2 × 128 steps.
    /// Uniform play earns 1.17 and 2 per step (9.3 and 16 per episode), the best policy 3 and 4
    /// (24 and 32); the deterministic policy afterwards must earn ≥ 90% of the best, and every
    /// accepted step respects δ.
    @Test(arguments: [Space.multiDiscrete(counts: [3, 3, 2]), .multiBinary(count: 4)])
    func trpoLearnsVectorActions(space: Space) throws {
        var configuration = TrainingConfiguration()
        configuration.environmentCopies = 2
        configuration.stepsPerCopy = 128
        configuration.policyHiddenWidths = [16]
        configuration.valueHiddenWidths = [16]
        configuration.criticEpochs = 5
        configuration.targetKL = 0.05
        let environment = try VectorEnvironment(count: 2) { VectorActionBandit(actionSpace: space) }
        let trainer = try OnPolicyTrainer(environment: environment, configuration: configuration, seed: 0)
        var worstKL = 0.0
        for _ in 0..<40 {
            let metrics = try trainer.runIteration()
            if metrics.update.lineSearchSucceeded { worstKL = max(worstKL, metrics.update.klDivergence) }
        }
        let bandit = VectorActionBandit(actionSpace: space)
        let returns = try PolicySnapshot(trainer: trainer, normalizer: nil).evaluate(on: bandit, episodes: 20, seed: 1)
        let mean = returns.reduce(0, +) / Double(returns.count)
        let best = 8 * Double(space.dimension)
        #expect(8 * bandit.chance < 0.7 * best, "the task is not solved by chance")
        #expect(mean >= 0.9 * best, "evaluation returns \(returns)")
        #expect(worstKL <= 0.05)
    }
}
