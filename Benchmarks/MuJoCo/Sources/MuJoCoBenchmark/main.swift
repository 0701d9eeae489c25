// Single-threaded throughput of every MuJoCo environment with uniformly random actions (resetting
// on termination, as a sampler does), and the physics floor for Hopper-v4: the same loop with
// `mj_step × frame_skip` alone, so the overhead of our wrapper is visible.
//
//   swift run -c release --package-path Benchmarks/MuJoCo MuJoCoBenchmark [seconds per round] [rounds]
//
// Last, two Hopper copies in a vector environment, serial and on two threads (fork-join per step).
//
// Each figure is the best of several rounds, so that other processes on a shared machine
// disturb it less; the Hopper rounds alternate wrapper and floor for the same reason.
import DenseLinearAlgebra
import Dispatch
import Environments
import MuJoCoEnvironments

let arguments = CommandLine.arguments.dropFirst().compactMap(Double.init)
let secondsPerRound = arguments.first ?? 0.5
let rounds = arguments.count > 1 ? Int(arguments[1]) : 5

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

func randomAction(_ space: Space, _ random: inout RandomStream) -> [Float] {
    guard case .box(let low, let high) = space else { return [] }
    return zip(low, high).map { low, high in low + (high - low) * random.nextUniformFloat() }
}

/// Steps per second of `body` (one step per call), over about `secondsPerRound`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<100 { try body() }  // warm up caches and the allocator
    var steps = 0
    let start = now()
    var elapsed = 0.0
    while elapsed < secondsPerRound {
        for _ in 0..<100 { try body() }
        steps += 100
        elapsed = now() - start
    }
    return Double(steps) / elapsed
}

func report(_ name: String, _ stepsPerSecond: Double) {
    let label = name.padding(toLength: 44, withPad: " ", startingAt: 0)
    let rate = String(Int(stepsPerSecond.rounded()))
    let micros = String(format1(1e6 / stepsPerSecond))
    print("\(label) \(String(repeating: " ", count: max(0, 8 - rate.count)))\(rate) steps/s  \(micros) µs/step")
}

func format1(_ value: Double) -> String { String(Double(Int((value * 10).rounded())) / 10) }

/// A loop body that steps `environment` with random actions and resets it on termination.
func environmentLoop(_ environment: any Environment, seed: UInt64) throws -> () throws -> Void {
    var random = RandomStream(seed: seed)
    _ = try environment.reset(seed: seed)
    return {
        let result = try environment.step(.continuous(randomAction(environment.actionSpace, &random)))
        if result.terminated { _ = try environment.reset(seed: nil) }
    }
}

print("MuJoCo \(MuJoCoEnvironments.engineVersion ?? "not linked"), one thread, random actions,",
      "best of \(rounds) rounds of \(secondsPerRound) s")
for id in MuJoCoEnvironments.ids where id != Hopper().id {
    let step = try environmentLoop(try MuJoCoEnvironments.make(id), seed: 0)
    report(id, try (0..<rounds).map { _ in try measure(step) }.max() ?? 0)
}

// Hopper-v4: our environment step, against the floor, which is the same loop where a step is only
// `ctrl = a; mj_step × 4` (no action check, mj_rnePostConstraint, reward or observation) with
// Gymnasium's termination test written inline.
let hopper = try MuJoCoEnvironment<Hopper>()
let hopperStep = try environmentLoop(hopper, seed: 0)
let floorEnvironment = try MuJoCoEnvironment<Hopper>()
let simulation = floorEnvironment.simulation
var floorRandom = RandomStream(seed: 0)
_ = try floorEnvironment.reset(seed: 0)
let floorStep = {
    simulation.setControl(randomAction(floorEnvironment.actionSpace, &floorRandom))
    simulation.stepPhysics(count: Hopper().frameSkip)
    let z = simulation.position(1), angle = simulation.position(2)
    if !(z > 0.7 && abs(angle) < 0.2) { _ = try floorEnvironment.reset(seed: nil) }
}
var best = (environment: 0.0, floor: 0.0)
for _ in 0..<rounds {
    best.environment = max(best.environment, try measure(hopperStep))
    best.floor = max(best.floor, try measure(floorStep))
}
report(Hopper().id, best.environment)
report("Hopper-v4 physics floor (ctrl; mj_step × 4)", best.floor)
print("Hopper-v4 step time / physics floor: \(format1(100 * best.floor / best.environment) )% (goal ≤ 150%)")

// Two Hopper-v4 copies in a vector environment (registry entries, TimeLimit and same-step
// auto-reset included), stepped serially and on two threads: the environment side of
// `trpo train --threads 2` with the zoo's n_envs = 2. Steps count copies (2 per vector step).
try MuJoCoEnvironments.registerAll()
var vectorRates: [Int: Double] = [:]
for threads in [1, 2] {
    let copies = try VectorEnvironment(id: Hopper().id, count: 2, threads: threads)
    _ = try copies.reset(seed: 0)
    var random = RandomStream(seed: 1)
    let vectorStep = {
        let actions = (0..<2).map { _ in Action.continuous(randomAction(copies.actionSpace, &random)) }
        _ = try copies.step(actions)
    }
    vectorRates[threads] = 2 * (try (0..<rounds).map { _ in try measure(vectorStep) }.max() ?? 0)
}
report("Hopper-v4 × 2 copies, 1 thread", vectorRates[1] ?? 0)
report("Hopper-v4 × 2 copies, 2 threads", vectorRates[2] ?? 0)
print("Vector stepping speed-up with 2 threads: \(format1((vectorRates[2] ?? 0) / max(vectorRates[1] ?? 1, 1)))×")
