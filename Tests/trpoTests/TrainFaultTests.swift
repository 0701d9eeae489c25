import Foundation
import RunArtifacts
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `trpo train` on a full disk and with a diverging critic, through the built binary.
@Suite("trpo train: full disk and numerical faults")
struct TrainFaultTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trpo-\(name)-\(UUID().uuidString)").path
    }

    let settings = [
        "--env", "CartPole-v1", "--timesteps", "10240", "--seed", "2", "--quiet", "--set", "n_steps=256",
        "--set", "net_arch=[16]", "--set", "n_critic_updates=2", "--set", "checkpoint_interval=1",
    ]

    /// Root only (CI runs as root): a 256 KiB tmpfs filled until a few pages are left. The run
    /// fails with ENOSPC named with its file; the checkpoint left behind loads and resumes (from a
    /// copy on a roomy disk) to the rows of an uninterrupted run.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskFailsClearlyAndKeepsTheLastCheckpoint() throws {
        let mountPoint = temporaryPath("tmpfs"), whole = temporaryPath("whole"), copy = temporaryPath("copy")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer {
            _ = shell("umount", mountPoint)
            for path in [mountPoint, whole, copy] { try? FileManager.default.removeItem(atPath: path) }
        }
        guard shell("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint) == 0 else {
            Issue.record("mount -t tmpfs failed although running as root")
            return
        }
        // Leave six pages: the lock, config.json, progress.csv and one checkpoint fit, a second does not.
        var status = statvfs()
        #expect(statvfs(mountPoint, &status) == 0)
        let free = Int(status.f_bavail) * Int(status.f_bsize)
        let filler = Data(count: free - 24 * 1024)
        #expect(FileManager.default.createFile(atPath: "\(mountPoint)/filler", contents: filler))

        let directory = "\(mountPoint)/run"
        let full = try runTrpo(["train", "--run-dir", directory] + settings)
        #expect(full.status != 0)
        #expect(full.stderr.contains("No space left on device (errno 28)"), "stderr: \(full.stderr)")
        #expect(full.stderr.contains("\(directory)/"), "the message names the file: \(full.stderr)")
        #expect(full.stderr.contains("is intact"), "stderr: \(full.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/checkpoint.safetensors"))

        let reference = try runTrpo(["train", "--run-dir", whole] + settings)
        #expect(reference.status == 0, "stderr: \(reference.stderr)")
        try FileManager.default.copyItem(atPath: directory, toPath: copy)
        let resumed = try runTrpo(["train", "--resume", copy, "--quiet"])
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(try reproducibleRows(copy) == reproducibleRows(whole))
    }

    /// A critic learning rate of 1e20 makes every critic fit diverge: each one is undone and said
    /// so, counted in train/skipped_updates, and no file of the run holds a non-finite number.
    @Test func divergingCriticIsUndoneCountedAndNeverWritten() throws {
        let directory = temporaryPath("critic")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["train", "--run-dir", directory, "--set", "learning_rate=1e20"]
            + settings.filter { $0 != "--quiet" }.map { $0 == "10240" ? "2048" : $0 }
        let run = try runTrpo(arguments)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("iteration 1: critic fit diverged"), "stderr: \(run.stderr)")
        let rows = try reproducibleRows(directory)
        let column = try #require(rows[0].firstIndex(of: "train/skipped_updates"))
        #expect(rows.dropFirst().map { $0[column] } == ["1", "2", "3", "4"])
        for file in ["checkpoint.safetensors", "policy.safetensors"] {
            let tensors = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "\(directory)/\(file)"))
            #expect(tensors.firstNonFiniteElement() == nil, "\(file)")
        }
    }
}

/// Runs a command and returns its exit status.
func shell(_ arguments: String...) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
