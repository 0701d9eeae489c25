// Raw steps per second of each classic-control environment on one thread.
//
// Usage (from the repository root): swift run -c release --package-path Benchmarks EnvironmentBenchmarks
// Compare with: python3 Benchmarks/gymnasium_steps_per_second.py (same protocol, through gymnasium.make).
import DenseLinearAlgebra
import Dispatch
import Environments

/// Steps `environment` `steps` times with the pre-drawn `actions` (cycled), resetting at episode
/// ends, and returns steps per second.
func stepsPerSecond(_ environment: any Environment, actions: [Action], steps: Int) throws -> Double {
    _ = try environment.reset(seed: 0)
    var checksum = 0.0
    let start = DispatchTime.now().uptimeNanoseconds
    for index in 0..<steps {
        let result = try environment.step(actions[index % actions.count])
        checksum += result.reward
        if result.terminated || result.truncated { _ = try environment.reset(seed: nil) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(checksum.isFinite)
    return Double(steps) / seconds
}

let ids = [CartPole.id, Pendulum.id, Acrobot.id, MountainCar.id, MountainCarContinuous.id]
let steps = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2_000_000 : 2_000_000
print("environment,steps_per_second_make,steps_per_second_bare")
for id in ids {
    var stream = RandomStream(seed: 1)
    let wrapped = try makeEnvironment(id)
    let actions = (0..<4_096).map { _ in wrapped.actionSpace.sample(using: &stream) }
    let bare = try EnvironmentRegistry.shared.specification(for: id).map { try $0.makeUnwrapped() } ?? wrapped
    // Best of three, after a warm-up run.
    _ = try stepsPerSecond(wrapped, actions: actions, steps: steps / 10)
    let throughWrappers =
        try (0..<3).map { _ in try stepsPerSecond(wrapped, actions: actions, steps: steps) }.max() ?? 0
    let raw = try (0..<3).map { _ in try stepsPerSecond(bare, actions: actions, steps: steps) }.max() ?? 0
    print("\(id),\(Int(throughWrappers)),\(Int(raw))")
}

// Vector stepping: total environment steps per second of 8 copies, serial and on 2 threads.
// Threads pay off only when a copy's step costs far more than a thread hand-off (MuJoCo, not CartPole).
print("vector_environment,copies,threads,steps_per_second")
for id in [CartPole.id, Acrobot.id] {
    for threads in [1, 2] {
        let vector = try VectorEnvironment(id: id, count: 8, threads: threads)
        var stream = RandomStream(seed: 2)
        let batches = (0..<512).map { _ in (0..<8).map { _ in vector.actionSpace.sample(using: &stream) } }
        _ = try vector.reset(seed: 0)
        let rounds = steps / 80
        let start = DispatchTime.now().uptimeNanoseconds
        for round in 0..<rounds { _ = try vector.step(batches[round % batches.count]) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("\(id),8,\(threads),\(Int(Double(rounds * 8) / seconds))")
    }
}
