import FuzzerDriver
import Foundation
import PolicyOptimization
import TrainingSettings
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

// The zoo tables and key tables are globals built on first use; build them before fuzzing, or
// LeakSanitizer counts their one-time allocations against the first input that touches them.
for algorithm in Algorithm.allCases { _ = TrainingConfiguration.zooDefaults(for: "CartPole-v1", algorithm: algorithm) }
let warmUp = "n_envs: 4\nn_steps: 256\npolicy_kwargs: \"dict(net_arch=[64])\"\n---set\ntarget_kl=0.05\nsampler=vine\n"
_ = warmUp.utf8CString.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: UInt8.self) { fuzzZooConfig($0.baseAddress, $0.count - 1) }
}
runFuzzer(fuzzZooConfig)
