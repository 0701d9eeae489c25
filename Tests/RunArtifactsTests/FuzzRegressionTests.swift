import Foundation
import PolicyOptimization
import Testing
@testable import RunArtifacts

/// The inputs with which fuzzing once crashed a loader (Fuzz/Regressions/TARGET), replayed through
/// the same functions the fuzz targets call: each must now be a thrown error or a clean result.
@Suite struct FuzzRegressionTests {
    /// The regression inputs of `target`, from the repository's Fuzz/Regressions.
    func inputs(_ target: String) throws -> [URL] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/Regressions/\(target)").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return names.map { directory.appendingPathComponent($0) }
    }

    /// The file at `url` with its format stamped as `format`, so that the input reaches the code
    /// it once crashed even after a format version changes.
    func stamped(_ url: URL, format: String) throws -> SafeTensorsFile {
        let file = try SafeTensorsFile(contentsOf: url)
        return SafeTensorsFile(tensors: file.tensors, metadata: file.metadata.merging(["format": format]) { $1 })
    }

    /// environment_copies = -1 made `0..<copies` trap.
    @Test func checkpointInputsAreRejected() throws {
        let files = try inputs("checkpoint")
        #expect(!files.isEmpty)
        for url in files {
            let file = try stamped(url, format: Checkpoint.format)
            #expect(throws: RunError.self, "\(url.lastPathComponent)") { _ = try Checkpoint.state(from: file, path: url.path) }
        }
    }

    /// widths = 3,Int.max,1 overflowed the parameter count.
    @Test func policyInputsAreRejected() throws {
        let files = try inputs("policy")
        #expect(!files.isEmpty)
        for url in files {
            for format in [PolicyFile.format, PolicyFile.flatFormat] {
                let file = try stamped(url, format: format)
                #expect(throws: RunError.self, "\(url.lastPathComponent)") { _ = try PolicyFile.snapshot(from: file, path: url.path) }
            }
        }
    }

    /// n_envs: 4222…2 (beyond Int) trapped converting the number; net_arch=dinnn…ReLU (a bare name,
    /// which parses to itself) recursed until the stack overflowed; `! []: []` (a sequence as a key)
    /// crashed inside Yams, in the file and in `--set key=[]: 4`; `256777777777777777:7` (a YAML 1.1
    /// base-60 integer) overflowed inside Yams; n_envs × n_steps overflowed in validation.
    @Test func zooConfigInputsAreRejected() throws {
        let files = try inputs("zoo-config")
        #expect(!files.isEmpty)
        for url in files {
            let parts = String(decoding: try Data(contentsOf: url), as: UTF8.self).components(separatedBy: "\n---set\n")
            let base = TrainingConfiguration.zooDefaults(for: "CartPole-v1")
            // As the fuzz target: the YAML part, then (over what parsed, or the defaults) the overrides.
            let parsed = try? ConfigurationFile.parse(parts[0], path: url.path, environmentID: "CartPole-v1", over: base)
            var configuration = parsed?.configuration ?? base
            var overridesRejected = false
            if parts.count > 1 {
                let overrides = parts[1].split(separator: "\n").map(String.init)
                do { _ = try ConfigurationFile.applyOverrides(overrides, to: &configuration) } catch { overridesRejected = true }
            }
            #expect(parsed == nil || overridesRejected, "\(url.lastPathComponent): neither part was rejected")
        }
    }
}
