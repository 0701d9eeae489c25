import DenseLinearAlgebra
import Environments
import Foundation
import NeuralNetworks
import PolicyOptimization

/// `checkpoint.safetensors`: a `TrainerState` as standard safetensors, loadable from Python.
///
/// Tensors are named by what they hold (`policy/parameters`, `critic/adam/first_moment`,
/// `environment/copy_0/reals`, …); counters and random-generator words are I64/U64 tensors so
/// they round-trip exactly. The metadata records the format version, the environment, the
/// algorithm and the number of environment copies. Nothing time-dependent is stored, so the same
/// seed and settings give byte-identical checkpoints whatever the thread count.
public enum Checkpoint {
    /// The format version written to `__metadata__["format"]`.
    ///
    /// Version 3: every floating-point tensor is finite; "no spare normal deviate" is the flag
    /// `random/*/has_spare_normal` = 0 (versions 1 and 2 stored NaN). Version 2 is the one in which
    /// the update rule's state got its own tensors (a change made beside this one).
    public static let format = "trustregion-checkpoint-3"

    /// The safetensors file of a trainer state.
    public static func file(state: TrainerState, specification: RunSpecification) throws
        -> SafeTensorsFile
    {
        var tensors: [String: SafeTensor] = [
            "trainer/counters": try SafeTensor(int64s: [
                Int64(state.iteration), Int64(state.totalTimesteps), Int64(state.simulatedTimesteps),
            ]),
            "policy/parameters": try SafeTensor(floats: state.policyParameters),
            "critic/parameters": try SafeTensor(floats: state.valueParameters),
            "trainer/last_observations": try SafeTensor(floats: state.lastObservations),
            "trainer/last_episode_starts": try SafeTensor(uint8s: state.lastEpisodeStarts.map { $0 ? 1 : 0 }),
            "episodes/returns": try SafeTensor(doubles: state.recentEpisodes.map(\.episodeReturn)),
            "episodes/lengths": try SafeTensor(int64s: state.recentEpisodes.map { Int64($0.length) }),
            "episodes/copies": try SafeTensor(int64s: state.recentEpisodes.map { Int64($0.copy) }),
            "environment/running_returns": try SafeTensor(doubles: state.environment.runningReturns),
            "environment/running_lengths": try SafeTensor(int64s: state.environment.runningLengths.map(Int64.init)),
        ]
        try add(state.criticOptimizer, named: "critic/adam", to: &tensors)
        for (name, values) in state.ruleState.floats { tensors["rule/\(name)"] = try SafeTensor(floats: values) }
        for (name, values) in state.ruleState.integers { tensors["rule/\(name)"] = try SafeTensor(int64s: values) }
        try add(state.samplingStream, named: "random/sampling", to: &tensors)
        try add(state.updateStream, named: "random/update", to: &tensors)
        for (index, copy) in state.environment.copies.enumerated() {
            tensors["environment/copy_\(index)/reals"] = try SafeTensor(doubles: copy.reals)
            tensors["environment/copy_\(index)/integers"] = try SafeTensor(uint64s: copy.integers)
        }
        if let normalization = state.environment.normalization {
            try add(normalization.observationStatistics, named: "normalizer/observations", to: &tensors)
            try add(normalization.returnStatistics, named: "normalizer/returns", to: &tensors)
            tensors["normalizer/discounted_returns"] = try SafeTensor(doubles: normalization.discountedReturns)
        }
        let metadata = [
            "format": format, "env": specification.environmentID,
            "algo": specification.configuration.algorithm.rawValue,
            "environment_copies": String(state.environment.copies.count),
        ]
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// The trainer state in a checkpoint file.
    public static func state(from file: SafeTensorsFile, path: String) throws -> TrainerState {
        guard try file.requireFormat(format, path: path) else {
            throw RunError.malformedFile(
                path: path, reason: "not a TrustRegion checkpoint (format \(file.metadata["format"] ?? "missing"))")
        }
        try file.requireFinite(path: path)
        do {
            let counters = try file.int64s(named: "trainer/counters")
            guard counters.count == 3, let copyText = file.metadata["environment_copies"], let copies = Int(copyText), copies >= 0
            else { throw RunError.malformedFile(path: path, reason: "counters or copy count missing") }
            let copySnapshots = try (0..<copies).map { index in
                EnvironmentSnapshot(
                    reals: try file.doubles(named: "environment/copy_\(index)/reals"),
                    integers: try file.uint64s(named: "environment/copy_\(index)/integers"))
            }
            var normalization: NormalizationState?
            if file.tensors["normalizer/observations/mean"] != nil {
                normalization = NormalizationState(
                    observationStatistics: try statistics(named: "normalizer/observations", in: file, path: path),
                    returnStatistics: try statistics(named: "normalizer/returns", in: file, path: path),
                    discountedReturns: try file.doubles(named: "normalizer/discounted_returns"))
            }
            let returns = try file.doubles(named: "episodes/returns")
            let lengths = try file.int64s(named: "episodes/lengths")
            let episodeCopies = try file.int64s(named: "episodes/copies")
            guard returns.count == lengths.count, lengths.count == episodeCopies.count else {
                throw RunError.malformedFile(path: path, reason: "episode statistics have different lengths")
            }
            let state = TrainerState(
                iteration: Int(counters[0]), totalTimesteps: Int(counters[1]), simulatedTimesteps: Int(counters[2]),
                policyParameters: try file.floats(named: "policy/parameters"),
                valueParameters: try file.floats(named: "critic/parameters"),
                criticOptimizer: try adam(named: "critic/adam", in: file, path: path),
                ruleState: try ruleState(in: file),
                samplingStream: try stream(named: "random/sampling", in: file, path: path),
                updateStream: try stream(named: "random/update", in: file, path: path),
                lastObservations: try file.floats(named: "trainer/last_observations"),
                lastEpisodeStarts: try file.tensor(named: "trainer/last_episode_starts").uint8s().map { $0 != 0 },
                recentEpisodes: (0..<returns.count).map {
                    CompletedEpisode(episodeReturn: returns[$0], length: Int(lengths[$0]), copy: Int(episodeCopies[$0]))
                },
                environment: VectorEnvironmentSnapshot(
                    copies: copySnapshots, runningReturns: try file.doubles(named: "environment/running_returns"),
                    runningLengths: try file.int64s(named: "environment/running_lengths").map { Int($0) },
                    normalization: normalization))
            return state
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError.malformedFile(path: path, reason: "\(error)")
        }
    }

    // MARK: - Parts

    /// The update rule's tensors (`rule/…`), by their names after the prefix.
    static func ruleState(in file: SafeTensorsFile) throws -> UpdateRuleState {
        var state = UpdateRuleState()
        for (name, tensor) in file.tensors where name.hasPrefix("rule/") {
            let key = String(name.dropFirst("rule/".count))
            if tensor.dataType == .int64 { state.integers[key] = try tensor.int64s() } else { state.floats[key] = try tensor.floats() }
        }
        return state
    }

    static func add(_ optimizer: Adam, named name: String, to tensors: inout [String: SafeTensor]) throws {
        tensors["\(name)/first_moment"] = try SafeTensor(floats: optimizer.firstMoment)
        tensors["\(name)/second_moment"] = try SafeTensor(floats: optimizer.secondMoment)
        tensors["\(name)/hyperparameters"] = try SafeTensor(floats: [
            optimizer.learningRate, optimizer.beta1, optimizer.beta2, optimizer.epsilon,
        ])
        tensors["\(name)/step"] = try SafeTensor(int64s: [Int64(optimizer.step)])
    }

    static func adam(named name: String, in file: SafeTensorsFile, path: String) throws -> Adam {
        let first = try file.floats(named: "\(name)/first_moment")
        let second = try file.floats(named: "\(name)/second_moment")
        let hyperparameters = try file.floats(named: "\(name)/hyperparameters")
        let step = try file.int64s(named: "\(name)/step")
        guard first.count == second.count, hyperparameters.count == 4, step.count == 1, step[0] >= 0 else {
            throw RunError.malformedFile(path: path, reason: "\(name) is inconsistent")
        }
        var optimizer = Adam(
            parameterCount: first.count, learningRate: hyperparameters[0], beta1: hyperparameters[1],
            beta2: hyperparameters[2], epsilon: hyperparameters[3])
        optimizer.firstMoment = first
        optimizer.secondMoment = second
        optimizer.step = Int(step[0])
        return optimizer
    }

    static func add(_ stream: RandomStream, named name: String, to tensors: inout [String: SafeTensor]) throws {
        tensors["\(name)/state"] = try SafeTensor(uint64s: stream.state)
        // An explicit flag, not a NaN sentinel, so every tensor of a healthy checkpoint is finite.
        tensors["\(name)/has_spare_normal"] = try SafeTensor(uint8s: [stream.spareNormal == nil ? 0 : 1])
        tensors["\(name)/spare_normal"] = try SafeTensor(doubles: [stream.spareNormal ?? 0])
    }

    static func stream(named name: String, in file: SafeTensorsFile, path: String) throws -> RandomStream {
        let spare = try file.doubles(named: "\(name)/spare_normal")
        let held = try file.tensor(named: "\(name)/has_spare_normal").uint8s()
        guard spare.count == 1, held.count == 1, held[0] <= 1,
            let stream = RandomStream(state: try file.uint64s(named: "\(name)/state"), spareNormal: held[0] == 1 ? spare[0] : nil)
        else { throw RunError.malformedFile(path: path, reason: "\(name) is not a random-generator state") }
        return stream
    }

    static func add(_ statistics: RunningMeanVariance, named name: String, to tensors: inout [String: SafeTensor]) throws {
        tensors["\(name)/mean"] = try SafeTensor(doubles: statistics.mean)
        tensors["\(name)/variance"] = try SafeTensor(doubles: statistics.variance)
        tensors["\(name)/count"] = try SafeTensor(doubles: [statistics.count])
    }

    static func statistics(named name: String, in file: SafeTensorsFile, path: String) throws -> RunningMeanVariance {
        let count = try file.doubles(named: "\(name)/count")
        guard count.count == 1,
            let statistics = RunningMeanVariance(
                mean: try file.doubles(named: "\(name)/mean"), variance: try file.doubles(named: "\(name)/variance"),
                count: count[0])
        else { throw RunError.malformedFile(path: path, reason: "\(name) is not a valid mean/variance") }
        return statistics
    }
}
