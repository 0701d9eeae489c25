import Foundation
import PolicyOptimization
import TrainingSettings
import Yams

/// Settings files in the RL Zoo's format: a YAML (or JSON) mapping from environment ids to
/// settings with the zoo's key names, or a flat mapping of settings for any environment.
///
/// ```yaml
/// CartPole-v1:
///   n_envs: 2
///   n_steps: 512
///   policy_kwargs: "dict(net_arch=[64, 64])"
/// ```
public enum ConfigurationFile {
    /// The settings for `environmentID` in the file at `url`, applied over `base`.
    ///
    /// Returns the configuration and the warnings of keys that are accepted but have no effect.
    public static func load(_ url: URL, environmentID: String, over base: TrainingConfiguration) throws
        -> (configuration: TrainingConfiguration, warnings: [String])
    {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RunError.missingFile(path: url.path, hint: "give an existing YAML file to --config")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: url.path, environmentID: environmentID, over: base)
    }

    /// As `load`, from the file's text.
    public static func parse(_ text: String, path: String, environmentID: String, over base: TrainingConfiguration)
        throws -> (configuration: TrainingConfiguration, warnings: [String])
    {
        let document: Any?
        do {
            try requireScalarKeys(text, path: path)
            document = try Yams.load(yaml: text)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError.malformedFile(path: path, reason: "malformed YAML: \(error)")
        }
        guard let top = document.map(value(of:)), case .mapping(let entries) = top else {
            throw RunError.malformedFile(path: path, reason: "expected a mapping of environment ids to settings")
        }
        let settings: [String: ConfigurationValue]
        if let entry = entries[environmentID] {
            guard case .mapping(let mapping) = entry else {
                throw RunError.malformedFile(path: path, reason: "the entry for \(environmentID) is not a mapping")
            }
            settings = mapping
        } else if entries.keys.allSatisfy({ TrainingConfiguration.keyNames.contains($0) }) {
            settings = entries  // a flat file of settings
        } else {
            throw RunError.malformedFile(
                path: path,
                reason: "no entry for \(environmentID); the file has \(entries.keys.sorted().joined(separator: ", "))")
        }
        var configuration = base
        var warnings: [String] = []
        // `algo` first, since it decides what some keys mean.
        for key in settings.keys.sorted(by: { ($0 == "algo" ? 0 : 1, $0) < ($1 == "algo" ? 0 : 1, $1) }) {
            guard let setting = settings[key] else { continue }
            do {
                warnings += try configuration.set(key, to: setting)
            } catch {
                throw RunError.malformedFile(path: path, reason: "\(error)")
            }
        }
        try configuration.validate()
        return (configuration, warnings)
    }

    /// The settings of a run as the commands layer them: the zoo's for (`environmentID`,
    /// `algorithm`), then the file at `path` if any, then the `key=value` overrides; the algorithm
    /// stays `algorithm` whatever the file says. Returns the warnings of ignored keys.
    public static func resolve(
        environmentID: String, algorithm: Algorithm, file path: String?, overrides: [String]
    ) throws -> (configuration: TrainingConfiguration, warnings: [String]) {
        var configuration = TrainingConfiguration.zooDefaults(for: environmentID, algorithm: algorithm)
        var warnings: [String] = []
        if let path {
            let loaded = try load(URL(fileURLWithPath: path), environmentID: environmentID, over: configuration)
            configuration = loaded.configuration
            warnings += loaded.warnings
        }
        configuration.algorithm = algorithm
        warnings += try applyOverrides(overrides, to: &configuration)
        return (configuration, warnings)
    }

    /// Applies `key=value` overrides (the value is read as a YAML scalar or flow collection).
    public static func applyOverrides(_ overrides: [String], to configuration: inout TrainingConfiguration) throws
        -> [String]
    {
        var warnings: [String] = []
        for override in overrides {
            guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
                throw ConfigurationError.invalidValue(key: override, value: "", expected: "key=value")
            }
            let key = String(override[..<equals])
            let text = String(override[override.index(after: equals)...])
            let parsed: ConfigurationValue
            do {
                try requireScalarKeys(text, path: "--set \(key)")
                parsed = try Yams.load(yaml: text).map(value(of:)) ?? .string(text)
            } catch {
                parsed = .string(text)
            }
            warnings += try configuration.set(key, to: parsed)
        }
        try configuration.validate()
        return warnings
    }

    /// A YAML value as an untyped configuration value.
    static func value(of node: Any) -> ConfigurationValue {
        switch node {
        case is NSNull: return .list([])  // null, like Python's None
        case let flag as Bool: return .bool(flag)
        case let integer as Int: return .integer(integer)
        case let real as Double: return .real(real)
        case let text as String: return .string(text)
        case let list as [Any]: return .list(list.map(value(of:)))
        case let mapping as [AnyHashable: Any]:
            var result: [String: ConfigurationValue] = [:]
            for (key, entry) in mapping { result[String(describing: key)] = value(of: entry) }
            return .mapping(result)
        default: return .string(String(describing: node))
        }
    }
}
