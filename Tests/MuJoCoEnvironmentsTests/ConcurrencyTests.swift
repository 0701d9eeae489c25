#if MuJoCo
import DenseLinearAlgebra
import Dispatch
import Environments
import Foundation
import MuJoCoEnvironments
import Testing

/// Environment copies are independent: built and stepped on several threads at once, each gives
/// exactly (tolerance 0) the transitions it gives alone, as vector environments need.
struct ConcurrencyTests {
    /// Results written by several threads, each to its own slot.
    final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [[StepResult]]
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ index: Int, _ results: [StepResult]) { lock.withLock { values[index] = results } }
        var all: [[StepResult]] { lock.withLock { values } }
    }

    static func run(_ id: String, seed: UInt64) throws -> [StepResult] {
        let environment = try MuJoCoEnvironments.make(id)
        _ = try environment.reset(seed: seed)
        var actions = RandomStream(seed: seed, stream: 1)
        return try SnapshotTests.rollout(environment, steps: 100, actions: &actions)
    }

    @Test("Copies built and stepped concurrently match sequential runs")
    func concurrentCopiesAreDeterministic() throws {
        let jobs: [(id: String, seed: UInt64)] = [
            ("Hopper-v4", 1), ("Ant-v4", 2), ("Hopper-v4", 1), ("Reacher-v4", 3), ("Walker2d-v4", 4),
            ("Ant-v4", 2), ("HalfCheetah-v4", 5), ("InvertedDoublePendulum-v4", 6),
        ]
        let sequential = try jobs.map { try Self.run($0.id, seed: $0.seed) }
        let slots = Slots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            slots.set(index, (try? Self.run(jobs[index].id, seed: jobs[index].seed)) ?? [])
        }
        #expect(slots.all == sequential)
        #expect(sequential[0] == sequential[2] && sequential[1] == sequential[5])
    }
}
#endif
