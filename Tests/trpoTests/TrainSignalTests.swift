import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `trpo train` under SIGINT/SIGTERM and a second writer, through the built binary.
@Suite("trpo train: signals and the run-directory lock")
struct TrainSignalTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trpo-\(name)-\(UUID().uuidString)").path
    }

    /// A small CartPole run of 40 iterations; `extra` settings are appended.
    func arguments(_ directory: String, steps: Int = 256, extra: [String] = []) -> [String] {
        [
            "train", "--env", "CartPole-v1", "--timesteps", String(40 * 2 * steps), "--seed", "5", "--quiet",
            "--run-dir", directory, "--set", "n_steps=\(steps)", "--set", "net_arch=[16]",
            "--set", "n_critic_updates=2", "--set", "checkpoint_interval=1000",
        ] + extra
    }

    /// The first signal finishes and checkpoints the iteration under way, exits 128 + signal and
    /// says how to resume; the resumed run's rows equal an uninterrupted run's.
    @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")])
    func stopSignalThenResumeGivesTheUninterruptedRows(signal: Int32, name: String) throws {
        let whole = temporaryPath("whole"), stopped = temporaryPath("stopped")
        defer { for path in [whole, stopped] { try? FileManager.default.removeItem(atPath: path) } }
        let reference = try runTrpo(arguments(whole))
        #expect(reference.status == 0, "stderr: \(reference.stderr)")

        let run = try BackgroundTrpo(arguments(stopped))
        #expect(waitForRows(stopped, 3, process: run), "stderr: \(run.errors)")
        run.send(signal)
        let ending = run.wait()
        #expect(!ending.killedBySignal && ending.status == 128 + signal, "stderr: \(run.errors)")
        #expect(run.errors.contains("stopped by \(name) after iteration"), "stderr: \(run.errors)")
        #expect(run.errors.contains("trpo train --resume \(stopped)"))
        let rowsAtStop = progressRowCount(stopped)
        #expect(rowsAtStop >= 3 && rowsAtStop < 40)
        #expect(FileManager.default.fileExists(atPath: "\(stopped)/checkpoint.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: "\(stopped)/policy.safetensors"))

        let resumed = try runTrpo(["train", "--resume", stopped, "--quiet"])
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(try reproducibleRows(stopped) == reproducibleRows(whole))
    }

    /// `--stop-at` stops after the iteration that reaches it, checkpointed, exiting 0 with how to
    /// resume; its rows are the whole run's first (schedules over the whole budget: the learning
    /// rate anneals linearly here), and the resumed run's rows equal an uninterrupted run's.
    @Test func stopAtThenResumeGivesTheUninterruptedRows() throws {
        let whole = temporaryPath("whole"), stopped = temporaryPath("stop-at")
        defer { for path in [whole, stopped] { try? FileManager.default.removeItem(atPath: path) } }
        let schedule = ["--set", "learning_rate=lin_0.001"]
        let reference = try runTrpo(arguments(whole, extra: schedule))
        #expect(reference.status == 0, "stderr: \(reference.stderr)")
        // Two copies of 256 steps an iteration: 1,536 steps after the third.
        let run = try runTrpo(arguments(stopped, extra: schedule + ["--stop-at", "1500"]))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("stopped at 1536 environment steps (--stop-at) after iteration 3"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("trpo train --resume \(stopped)"))
        #expect(progressRowCount(stopped) == 3)
        #expect(FileManager.default.fileExists(atPath: "\(stopped)/checkpoint.safetensors"))
        #expect(try reproducibleRows(stopped) == Array(reproducibleRows(whole).prefix(4)))
        let resumed = try runTrpo(["train", "--resume", stopped, "--quiet"])
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(try reproducibleRows(stopped) == reproducibleRows(whole))
    }

    /// A second signal exits at once (long iterations, so the first cannot have finished one), and
    /// the last complete checkpoint still resumes.
    @Test func secondSignalExitsAtOnceLeavingTheLastCheckpoint() throws {
        let directory = temporaryPath("twice")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try BackgroundTrpo(arguments(directory, steps: 4096, extra: ["--set", "checkpoint_interval=1"]))
        #expect(waitForRows(directory, 1, process: run), "stderr: \(run.errors)")
        usleep(200_000)  // the first checkpoint follows its row
        run.send(SIGTERM)
        usleep(50_000)
        run.send(SIGTERM)
        let ending = run.wait()
        #expect(!ending.killedBySignal && ending.status == 128 + SIGTERM, "stderr: \(run.errors)")
        #expect(run.errors.contains("stopping after this iteration"), "stderr: \(run.errors)")
        #expect(!run.errors.contains("stopped by"), "the second signal must not wait for the iteration")
        let rows = progressRowCount(directory)
        // The resumed run continues from the last complete checkpoint; stop it after one more row.
        let resumed = try BackgroundTrpo(["train", "--resume", directory, "--quiet"])
        #expect(waitForRows(directory, rows + 1, process: resumed, seconds: 300), "stderr: \(resumed.errors)")
        resumed.send(SIGTERM)
        #expect(resumed.wait().status == 128 + SIGTERM, "stderr: \(resumed.errors)")
    }

    /// A second `trpo train` on a busy directory is refused naming the holder's pid; once the
    /// holder is killed with SIGKILL, its lock file does not block a resume.
    @Test func secondWriterIsRefusedAndAStaleLockIsNot() throws {
        let directory = temporaryPath("locked")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let holder = try BackgroundTrpo(arguments(directory, extra: ["--set", "checkpoint_interval=1"]))
        #expect(waitForRows(directory, 1, process: holder), "stderr: \(holder.errors)")
        let refused = try runTrpo(["train", "--resume", directory])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("in use by process \(holder.pid)"), "stderr: \(refused.stderr)")
        holder.send(SIGKILL)
        #expect(holder.wait().killedBySignal)
        #expect(FileManager.default.fileExists(atPath: "\(directory)/.trpo.lock"))
        let rows = progressRowCount(directory)
        let resumed = try BackgroundTrpo(["train", "--resume", directory, "--quiet"])
        #expect(waitForRows(directory, rows + 1, process: resumed), "stderr: \(resumed.errors)")
        resumed.send(SIGTERM)
        #expect(resumed.wait().status == 128 + SIGTERM, "stderr: \(resumed.errors)")
    }
}
