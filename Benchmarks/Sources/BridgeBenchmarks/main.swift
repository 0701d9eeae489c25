// Vector steps per second of the same environment three ways, alternated in one run: TrustRegion's
// built-in VectorEnvironment, the Python bridge (`gym:ID`, 1 and 2 worker processes), and
// Gymnasium's own SyncVectorEnv loop in Python (same copies, same same-step auto-reset).
//
// Usage (from the repository root, with a Python that has gymnasium==1.4.0 numpy==2.4.6):
//   TRPO_PYTHON=.venv-gym/bin/python swift run -c release --package-path Benchmarks BridgeBenchmarks [steps]
import DenseLinearAlgebra
import Dispatch
import Environments
import Foundation
import GymnasiumBridge

/// Environment steps per second (vector steps × copies) of `steps` vector steps with pre-drawn actions.
func stepsPerSecond(_ environment: any VectorEnvironmentProtocol, steps: Int) throws -> Double {
    var stream = RandomStream(seed: 2)
    let batches = (0..<512).map { _ in (0..<environment.count).map { _ in environment.actionSpace.sample(using: &stream) } }
    _ = try environment.reset(seed: 0)
    for round in 0..<(steps / 10) { _ = try environment.step(batches[round % batches.count]) }  // warm-up
    let start = DispatchTime.now().uptimeNanoseconds
    for round in 0..<steps { _ = try environment.step(batches[round % batches.count]) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Double(steps * environment.count) / seconds
}

/// Gymnasium's own loop, timed inside Python (imports and construction excluded).
func gymnasiumStepsPerSecond(id: String, copies: Int, steps: Int, python: String) throws -> Double {
    let script = """
        import time, gymnasium as gym
        env = gym.make_vec("\(id)", num_envs=\(copies), vectorization_mode="sync",
                           vector_kwargs={"autoreset_mode": gym.vector.AutoresetMode.SAME_STEP})
        env.action_space.seed(2)
        batches = [env.action_space.sample() for _ in range(512)]
        env.reset(seed=0)
        for i in range(\(steps / 10)): env.step(batches[i % 512])
        start = time.perf_counter()
        for i in range(\(steps)): env.step(batches[i % 512])
        print(\(steps * copies) / (time.perf_counter() - start))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, "-c", script]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let steps = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20_000 : 20_000
let python = BridgedVectorEnvironment.defaultInterpreter()
let copies = 8
print("environment,copies,built_in,bridged_1_worker,bridged_2_workers,gymnasium_sync_vector_env  (steps/s, median of 5 alternated rounds)")
for id in ["CartPole-v1", "Pendulum-v1"] {
    let builtIn = try VectorEnvironment(id: id, count: copies)
    let bridgedOne = try BridgedVectorEnvironment(target: id, count: copies, workers: 1, interpreter: python)
    let bridgedTwo = try BridgedVectorEnvironment(target: id, count: copies, workers: 2, interpreter: python)
    var rates: [[Double]] = [[], [], [], []]
    for _ in 0..<5 {
        rates[0].append(try stepsPerSecond(builtIn, steps: steps * 10))
        rates[1].append(try stepsPerSecond(bridgedOne, steps: steps))
        rates[2].append(try stepsPerSecond(bridgedTwo, steps: steps))
        rates[3].append(try gymnasiumStepsPerSecond(id: id, copies: copies, steps: steps, python: python))
    }
    print("\(id),\(copies)," + rates.map { String(Int(median($0))) }.joined(separator: ","))
}
