import FuzzerDriver
import Foundation
import PolicyOptimization
import RunArtifacts

/// Fuzzes the zoo settings parser and `--set` overrides: the input is a YAML document, optionally
/// followed by a line `---set` and then one `key=value` override per line.
func fuzzZooConfig(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let text = String(decoding: inputData(bytes, count), as: UTF8.self)
    let parts = text.components(separatedBy: "\n---set\n")
    let base = TrainingConfiguration.zooDefaults(for: "CartPole-v1")
    var configuration =
        (try? ConfigurationFile.parse(parts[0], path: "fuzz.yml", environmentID: "CartPole-v1", over: base))?
        .configuration ?? base
    if parts.count > 1 {
        let overrides = parts[1].split(separator: "\n").map(String.init)
        _ = try? ConfigurationFile.applyOverrides(overrides, to: &configuration)
    }
    return 0
}

runFuzzer(fuzzZooConfig)
