import Foundation
import PolicyOptimization
import TrainingSettings

/// What defines a run: the environment, the seed, the budget and every setting — `config.json`.
public struct RunSpecification: Sendable {
    /// The Gymnasium id of the environment.
    public var environmentID: String
    /// The run's seed.
    public var seed: UInt64
    /// The environment-step budget.
    public var totalTimesteps: Int
    /// Every setting.
    public var configuration: TrainingConfiguration

    public init(environmentID: String, seed: UInt64, totalTimesteps: Int, configuration: TrainingConfiguration) {
        self.environmentID = environmentID
        self.seed = seed
        self.totalTimesteps = totalTimesteps
        self.configuration = configuration
    }

    /// The JSON object of `config.json`: `env`, `seed`, `total_timesteps`, then the zoo-named keys.
    public func jsonData() throws -> Data {
        var object: [String: ConfigurationValue] = [
            "env": .string(environmentID), "total_timesteps": .integer(totalTimesteps),
            // Seeds above Int.max are kept exactly as strings.
            "seed": seed <= UInt64(Int.max) ? .integer(Int(seed)) : .string(String(seed)),
        ]
        for (key, value) in configuration.keyValues { object[key] = value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(object) + Data("\n".utf8)
    }

    /// Reads `config.json`; unknown keys and invalid values are errors that name the key.
    public init(jsonData data: Data, path: String) throws {
        let object: [String: ConfigurationValue]
        do {
            object = try JSONDecoder().decode([String: ConfigurationValue].self, from: data)
        } catch {
            throw RunError.malformedFile(path: path, reason: "not a JSON object of settings (\(error))")
        }
        guard case .string(let id)? = object["env"] else {
            throw RunError.malformedFile(path: path, reason: "missing \"env\"")
        }
        let seed: UInt64
        switch object["seed"] {
        case .integer(let value)? where value >= 0: seed = UInt64(value)
        case .string(let text)?:
            guard let value = UInt64(text) else { fallthrough }
            seed = value
        default: throw RunError.malformedFile(path: path, reason: "missing or invalid \"seed\"")
        }
        guard case .integer(let budget)? = object["total_timesteps"], budget > 0 else {
            throw RunError.malformedFile(path: path, reason: "missing or invalid \"total_timesteps\"")
        }
        var configuration = TrainingConfiguration()
        // Apply `algo` first: the meaning of some keys (target_kl) depends on it.
        for key in object.keys.sorted(by: { ($0 == "algo" ? 0 : 1, $0) < ($1 == "algo" ? 0 : 1, $1) })
        where !["env", "seed", "total_timesteps"].contains(key) {
            guard let value = object[key] else { continue }
            do {
                try configuration.set(key, to: value)
            } catch {
                throw RunError.malformedFile(path: path, reason: "\(error)")
            }
        }
        try configuration.validate()
        self.init(environmentID: id, seed: seed, totalTimesteps: budget, configuration: configuration)
    }
}

/// A problem with a run directory or one of its files; the message names the path.
public enum RunError: Error, Sendable, CustomStringConvertible {
    case malformedFile(path: String, reason: String)
    case missingFile(path: String, hint: String)
    case directoryInUse(path: String)
    case finished(path: String, timesteps: Int)

    public var description: String {
        switch self {
        case .malformedFile(let path, let reason): return "\(path): \(reason)"
        case .missingFile(let path, let hint): return "\(path) does not exist; \(hint)"
        case .directoryInUse(let path):
            return "\(path) already holds a run; continue it with --resume \(path), or choose another --run-dir"
        case .finished(let path, let timesteps):
            return "the run in \(path) has already reached its budget of \(timesteps) timesteps"
        }
    }
}
