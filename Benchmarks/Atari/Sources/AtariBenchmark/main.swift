// Throughput of Pong with uniformly random actions (resetting when an episode ends):
// - ALE/Pong-v5 raw: frameskip 4, sticky actions 0.25, RGB observations as bytes;
// - the preprocessed stack: FrameStack(AtariPreprocessing(ALE/Pong-v5 with frameskip 1), 4),
//   Gymnasium's defaults (30 no-ops, frame skip 4 with max-pooling, grayscale, 84 × 84 INTER_AREA);
// - 2 and 8 copies of that stack in a VectorEnvironment (Float observations, as the trainer sees
//   them), serial and on two threads (fork-join per step); and, for the machine's own scaling,
//   two independent stacks each stepped by its own thread with no per-step join. Steps count copies.
//
//   swift run -c release --package-path Benchmarks/Atari AtariBenchmark [seconds per round] [rounds]
//
// Each figure is the best of several rounds, alternated, so other processes disturb it less.
import AtariEnvironments
import DenseLinearAlgebra
import Dispatch
import Foundation
import Environments

let arguments = CommandLine.arguments.dropFirst().compactMap(Double.init)
let secondsPerRound = arguments.first ?? 2
let rounds = arguments.count > 1 ? Int(arguments[1]) : 3

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

/// Steps per second of `body` (one step per call), over about `secondsPerRound`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<50 { try body() }
    var steps = 0
    let start = now()
    var elapsed = 0.0
    while elapsed < secondsPerRound {
        for _ in 0..<50 { try body() }
        steps += 50
        elapsed = now() - start
    }
    return Double(steps) / elapsed
}

func report(_ name: String, _ stepsPerSecond: Double) {
    let label = name.padding(toLength: 52, withPad: " ", startingAt: 0)
    print("\(label) \(Int(stepsPerSecond.rounded())) steps/s")
}

/// A loop body stepping a byte environment with random actions, resetting at episode ends.
func loop(_ environment: any ByteObservationEnvironment, seed: UInt64) throws -> () throws -> Void {
    var random = RandomStream(seed: seed)
    _ = try environment.resetBytes(seed: seed)
    return {
        let result = try environment.stepBytes(environment.actionSpace.sample(using: &random))
        if result.terminated || result.truncated { _ = try environment.resetBytes(seed: nil) }
    }
}

// A fixed number of steps of one kind, untimed, for instruction counts that do not depend on
// the machine's load: run it under `valgrind --tool=callgrind` with two step counts and divide the
// difference of the totals by the difference of the counts (setup cancels out).
//   AtariBenchmark count raw|stack|sb3|vector STEPS
// (sb3: SB3's AtariWrapper stack, as training uses; vector: two stacks in a VectorEnvironment on
// one thread, Float observations, STEPS vector steps)
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "count", let steps = Int(CommandLine.arguments[3]) {
    if CommandLine.arguments[2] == "vector" {
        let copies = try VectorEnvironment(count: 2, threads: 1, name: "Pong stack") {
            try AtariEnvironments.preprocessedStack(game: "pong")
        }
        _ = try copies.reset(seed: 0)
        var random = RandomStream(seed: 1)
        for _ in 0..<steps { _ = try copies.step((0..<2).map { _ in copies.actionSpace.sample(using: &random) }) }
        exit(0)
    }
    let environment: any ByteObservationEnvironment =
        switch CommandLine.arguments[2] {
        case "raw": try AtariEnvironment(.v5(game: "pong"))
        case "sb3": try AtariEnvironments.atariWrapperStack(game: "pong")
        default: try AtariEnvironments.preprocessedStack(game: "pong")
        }
    let step = try loop(environment, seed: 0)
    for _ in 0..<steps { try step() }
    exit(0)
}

print("ALE \(AtariEnvironment.aleVersion), Pong, random actions, best of \(rounds) rounds of \(secondsPerRound) s")
let raw = try loop(AtariEnvironment(.v5(game: "pong")), seed: 0)
let stack = try loop(AtariEnvironments.preprocessedStack(game: "pong"), seed: 0)
// Vector environments of 2 copies (one per thread: each step waits for the slower copy) and of 8
// (the Atari training's n_envs: the threads claim copies one by one, which evens out the wait).
let copyCounts = [2, 8]
var vectorSteps: [String: () throws -> Void] = [:]
for count in copyCounts {
    for threads in [1, 2] {
        let copies = try VectorEnvironment(count: count, threads: threads, name: "Pong stack") {
            try AtariEnvironments.preprocessedStack(game: "pong")
        }
        _ = try copies.reset(seed: 0)
        var random = RandomStream(seed: 1)
        vectorSteps["\(count)/\(threads)"] = {
            _ = try copies.step((0..<count).map { _ in copies.actionSpace.sample(using: &random) })
        }
    }
}
// Two stacks, one per thread, each measured for a round; the rates add up.
final class IndependentStacks: @unchecked Sendable {
    // Each thread touches only its own index.
    let loops: [() throws -> Void]
    let rates = UnsafeMutablePointer<Double>.allocate(capacity: 2)
    init(_ loops: [() throws -> Void]) { self.loops = loops }

    func measureBoth() -> Double {
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            rates[index] = (try? measure(loops[index])) ?? 0
        }
        return rates[0] + rates[1]
    }
}
let independent = IndependentStacks(
    try (0..<2).map { try loop(AtariEnvironments.preprocessedStack(game: "pong"), seed: UInt64($0)) })
var best = (raw: 0.0, stack: 0.0, independent: 0.0)
var vectorBest: [String: Double] = [:]
for _ in 0..<rounds {
    best.raw = max(best.raw, try measure(raw))
    best.stack = max(best.stack, try measure(stack))
    for count in copyCounts {
        for threads in [1, 2] {
            let key = "\(count)/\(threads)"
            if let step = vectorSteps[key] { vectorBest[key] = max(vectorBest[key] ?? 0, Double(count) * (try measure(step))) }
        }
    }
    best.independent = max(best.independent, independent.measureBoth())
}
report("ALE/Pong-v5 raw (frameskip 4, bytes)", best.raw)
report("Pong preprocessed stack (84×84×4)", best.stack)
for count in copyCounts {
    report("Pong stack × \(count) copies, vector env, 1 thread", vectorBest["\(count)/1"] ?? 0)
    report("Pong stack × \(count) copies, vector env, 2 threads", vectorBest["\(count)/2"] ?? 0)
}
report("Pong stack × 2, one thread each, no per-step join", best.independent)
for count in copyCounts {
    let ratio = (vectorBest["\(count)/2"] ?? 0) / max(vectorBest["\(count)/1"] ?? 1, 1)
    print("Vector speed-up with 2 threads, \(count) copies: \(Double(Int(100 * ratio)) / 100)×")
}
