import DenseLinearAlgebra
import Environments
import PolicyOptimization
import Testing
import TrainingSettings
import _TestSupport

@testable import DistributedTraining

/// The distributed code paths in one process: P participants on threads of a `ThreadedWorld`,
/// each with its share of the copies and of the blocks, against one process training alone.
@Suite struct DistributedTrainingTests {
    struct Outcome: Sendable, Equatable {
        var policy: [UInt32]
        var critic: [UInt32]
        var rows: [[UInt64]]
    }

    static func train(
        _ id: String, algorithm: Algorithm, overrides: [String: String], iterations: Int, placement: AgentPlacement
    ) throws -> Outcome {
        var configuration = TrainingConfiguration.zooDefaults(for: id, algorithm: algorithm)
        for (key, value) in overrides { try configuration.set(key, to: try PythonLiteral.parse(value)) }
        let agent = try Agent(environment: id, algorithm: algorithm, configuration: configuration, seed: 3, placement: placement)
        var rows: [[UInt64]] = []
        for _ in 0..<iterations {
            let metrics = try agent.trainer.runIteration()
            rows.append(metrics.values.map(\.bitPattern))
        }
        _ = try agent.trainer.state()  // a checkpoint's snapshot is a collective too
        return Outcome(
            policy: agent.trainer.policyParameters.map(\.bitPattern), critic: agent.trainer.valueParameters.map(\.bitPattern),
            rows: rows)
    }

    static let cases: [(String, Algorithm, [String: String])] = [
        // 5 copies × 64 steps: policy blocks of 256 rows shared 1/1 and 1/1/0, critic blocks of 64 rows 3/2 and 2/2/1.
        ("CartPole-v1", .trpo, ["n_envs": "5", "n_steps": "64"]),
        ("Pendulum-v1", .ppo, ["n_envs": "5", "n_steps": "64", "batch_size": "320", "n_epochs": "2", "normalize": "True"]),
        ("CartPole-v1", .trpo, ["n_envs": "4", "n_steps": "80", "sampler": "vine"]),
    ]

    @Test(arguments: [2, 3])
    func everyWorldSizeTrainsTheOneProcessBits(size: Int) throws {
        for (id, algorithm, overrides) in Self.cases {
            let alone = try Self.train(id, algorithm: algorithm, overrides: overrides, iterations: 2, placement: .local)
            let world = ThreadedWorld(size: size)
            let outcomes = try world.run { communicator in
                try Self.train(id, algorithm: algorithm, overrides: overrides, iterations: 2, placement: .distributed(over: communicator, minimumBlocksPerRank: 1))
            }
            for (rank, outcome) in outcomes.enumerated() {
                #expect(outcome == alone, "\(id) \(algorithm) \(overrides): rank \(rank) of \(size) differs from one process")
            }
        }
    }

    @Test func aFailingCopyFailsTheStepOnEveryParticipantWithItsGlobalIndex() throws {
        let world = ThreadedWorld(size: 2)
        let errors = try world.run { communicator -> String in
            // 3 copies over 2 ranks: rank 1 steps copy 2 alone, which throws at its 5th step.
            let environment = try DistributedVectorEnvironment(count: 3, communicator: communicator) { count in
                try VectorEnvironment(count: count, name: "Failing") {
                    FailingEnvironment(failingStep: communicator.rank == 1 ? 5 : nil, fault: .throwsError)
                }
            }
            _ = try environment.reset(seed: 0)
            do {
                for _ in 0..<10 { _ = try environment.step([Action](repeating: .discrete(0), count: 3)) }
            } catch {
                return "\(error)"
            }
            return "no error"
        }
        #expect(errors[1].contains("copy 2"), "the failing rank names the global copy: \(errors[1])")
        #expect(errors[0].hasPrefix("rank 1 failed:") && errors[0].contains("copy 2"), "\(errors[0])")
    }

    @Test func moreRanksThanCopiesIsRefused() throws {
        let world = ThreadedWorld(size: 3)
        let messages = try world.run { communicator -> String in
            do {
                _ = try DistributedVectorEnvironment(count: 2, communicator: communicator) { count in
                    try VectorEnvironment(id: "CartPole-v1", count: count)
                }
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(messages.allSatisfy { $0.contains("3 ranks but only 2 environment copies") })
    }

    @Test func launcherVariablesAreRecognised() {
        for name in ["OMPI_COMM_WORLD_RANK", "PMIX_RANK", "OPAL_PREFIX", "PMI_SIZE"] {
            #expect(ChildEnvironment.isLauncherVariable(name))
        }
        for name in ["PATH", "TRPO_PYTHON", "MPI_HOME", "HOME"] { #expect(!ChildEnvironment.isLauncherVariable(name)) }
    }
}
