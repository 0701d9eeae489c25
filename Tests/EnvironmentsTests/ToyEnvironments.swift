import Environments

/// A one-dimensional walk whose observation turns NaN at a chosen step (to test error paths).
final class ExplodingEnvironment: Environment {
    let observationSpace = Space.box(low: [-10], high: [10])
    let actionSpace = Space.discrete(count: 2)
    let nanAtStep: Int
    var steps = 0

    init(nanAtStep: Int) { self.nanAtStep = nanAtStep }

    func reset(seed: UInt64?) throws -> [Float] {
        steps = 0
        return [0]
    }

    func step(_ action: Action) throws -> StepResult {
        steps += 1
        return StepResult(observation: [steps == nanAtStep ? .nan : 0], reward: 0, terminated: false, truncated: false)
    }

    func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot(integers: [UInt64(steps)]) }

    func restore(_ snapshot: EnvironmentSnapshot) throws { steps = Int(snapshot.integers.first ?? 0) }
}

/// A configurable faulty environment for the checker: each flag breaks one part of the contract.
final class FaultyEnvironment: Environment {
    var observationSpace = Space.box(low: [-1, -1], high: [1, 1])
    let actionSpace = Space.discrete(count: 2)
    var wrongShape = false
    var outOfBounds = false
    var infiniteReward = false
    var ignoresSeed = false
    var forgetsStateInSnapshot = false
    private var position = 0.0
    private var counter: UInt64 = 0
    private var generator = NumPyRandomGenerator(seed: 0)

    func reset(seed: UInt64?) throws -> [Float] {
        if let seed, !ignoresSeed { generator = NumPyRandomGenerator(seed: seed) }
        counter += 1
        position = ignoresSeed ? Double(counter % 7) * 0.1 : generator.uniform(low: -0.5, high: 0.5)
        return observation
    }

    func step(_ action: Action) throws -> StepResult {
        position += (action == .discrete(1) ? 0.01 : -0.01) + 0.01 * (generator.random() - 0.5)
        let done = abs(position) > 0.9
        return StepResult(
            observation: observation, reward: infiniteReward ? .infinity : 1, terminated: done, truncated: false)
    }

    private var observation: [Float] {
        if wrongShape { return [Float(position)] }
        return [Float(position), outOfBounds ? 5 : 0]
    }

    func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(reals: [forgetsStateInSnapshot ? 0 : position], integers: generator.stateWords + [counter])
    }

    func restore(_ snapshot: EnvironmentSnapshot) throws {
        position = snapshot.reals[0]
        if let restored = NumPyRandomGenerator(stateWords: Array(snapshot.integers.prefix(4))) { generator = restored }
        counter = snapshot.integers[4]
    }
}

/// Passes everything through to `wrapped` and counts the calls; with `dropsSeeds`, resets unseeded.
final class CountingEnvironment: Environment {
    let wrapped: any Environment
    var dropsSeeds = false
    private(set) var resets = 0, steps = 0, snapshots = 0, restores = 0

    init(_ wrapped: any Environment) { self.wrapped = wrapped }

    var observationSpace: Space { wrapped.observationSpace }
    var actionSpace: Space { wrapped.actionSpace }

    func reset(seed: UInt64?) throws -> [Float] {
        resets += 1
        return try wrapped.reset(seed: dropsSeeds ? nil : seed)
    }

    func step(_ action: Action) throws -> StepResult {
        steps += 1
        return try wrapped.step(action)
    }

    func snapshot() -> EnvironmentSnapshot {
        snapshots += 1
        return wrapped.snapshot()
    }

    func restore(_ snapshot: EnvironmentSnapshot) throws {
        restores += 1
        try wrapped.restore(snapshot)
    }
}
