#if ALE
import Environments
import Foundation
import Testing

@testable import AtariEnvironments

/// Frame-for-frame parity with ale-py 0.12.1 through Gymnasium 1.4.0 (Fixtures/make_atari_fixtures.py).
///
/// The fixture has 2,000 steps per run. A debug build compares the first 500 (emulation and the
/// -Onone resize dominate `swift test`'s time), a release build the full length;
/// `ATARI_PARITY_STEPS=2000` (as .ci/run sets) overrides either, rounded down to whole windows
/// of 100 steps.
@Suite struct AtariParityTests {
    static let fixture = AtariFixture.shared
    static let steps: Int = {
        let requested = ProcessInfo.processInfo.environment["ATARI_PARITY_STEPS"].flatMap { Int($0) }
        let window = AtariFixture.shared.window
        #if DEBUG
        let standard = 500
        #else
        let standard = AtariFixture.shared.steps
        #endif
        return max(window, min(requested ?? standard, AtariFixture.shared.steps) / window * window)
    }()

    /// Events of the fixture's lists that fall within the compared steps.
    static func within<T>(_ events: [T], step: (T) -> Int) -> [T] { events.filter { step($0) < steps } }

    @Test(arguments: Array(AtariFixture.shared.rawRuns.indices))
    func rawFramesRewardsAndLivesMatch(runIndex: Int) throws {
        let run = Self.fixture.rawRuns[runIndex]
        let label = "\(run.game) sticky \(run.sticky) seed \(run.seed) \(run.actions)"
        var configuration = AtariConfiguration.v5(game: run.game)
        configuration.repeatActionProbability = run.sticky
        let environment = try AtariEnvironment(configuration)
        let actions = AtariFixture.actions(run.actionString)
        if run.actions == "cycle" {
            #expect(actions == (0..<actions.count).map { ($0 / 7) % environment.actionCodes.count })
        }
        var frames = WindowedDigests(window: Self.fixture.window, md5: AtariEnvironments.md5(of:))
        var rams = WindowedDigests(window: Self.fixture.window, md5: AtariEnvironments.md5(of:))
        var ram = [UInt8](repeating: 0, count: 128)
        func readRAM() -> [UInt8] {
            ram.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { environment.emulator.ram(into: base) }
            }
            return ram
        }
        let reset = try environment.resetBytes(seed: run.seed)
        #expect(AtariEnvironments.md5(of: reset) == run.resetFrame, "\(label): reset frame")
        #expect(AtariEnvironments.md5(of: readRAM()) == run.resetRam, "\(label): reset RAM")
        var rewards: [[Double]] = []
        var lives: [[Int]] = [[-1, environment.lives]]
        var terminatedSteps: [Int] = []
        var truncatedSteps: [Int] = []
        for step in 0..<Self.steps {
            let result = try environment.stepBytes(.discrete(actions[step]))
            frames.add(result.observation)
            rams.add(readRAM())
            if result.reward != 0 { rewards.append([Double(step), result.reward]) }
            if environment.lives != lives[lives.count - 1][1] { lives.append([step, environment.lives]) }
            if result.terminated { terminatedSteps.append(step) }
            if result.truncated { truncatedSteps.append(step) }
            if result.terminated || result.truncated {
                frames.add(try environment.resetBytes(seed: nil))
                rams.add(readRAM())
                if environment.lives != lives[lives.count - 1][1] { lives.append([step, environment.lives]) }
            }
            frames.closeStep(step)
            rams.closeStep(step)
        }
        let windows = Self.steps / Self.fixture.window
        let firstBadFrame = zip(frames.windows, run.frameWindows.prefix(windows)).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(frames.windows == Array(run.frameWindows.prefix(windows)),
            "\(label): frames differ from window \(firstBadFrame.map(String.init) ?? "?") (100 steps each)")
        #expect(rams.windows == Array(run.ramWindows.prefix(windows)), "\(label): RAM differs")
        #expect(rewards == Self.within(run.rewards) { Int($0[0]) }, "\(label): rewards")
        #expect(lives == Self.within(run.lives) { $0[0] }, "\(label): lives")
        #expect(terminatedSteps == Self.within(run.terminated) { $0 }, "\(label): terminated")
        #expect(truncatedSteps == Self.within(run.truncated) { $0 }, "\(label): truncated")
    }

    @Test(arguments: Array(AtariFixture.shared.preprocessedRuns.indices))
    func preprocessedStacksMatch(runIndex: Int) throws {
        let run = Self.fixture.preprocessedRuns[runIndex]
        var configuration = AtariConfiguration.v5(game: run.game)
        configuration.frameskip = 1
        let environment = try FrameStack(
            AtariPreprocessing(
                AtariEnvironment(configuration), terminalOnLifeLoss: run.terminalOnLifeLoss, grayscale: run.grayscale),
            count: 4)
        let channels = run.grayscale ? 1 : 3
        #expect(environment.observationLayout.shape == (run.grayscale ? [4, 84, 84] : [4, 84, 84, 3]))
        let actions = AtariFixture.actions(run.actionString)
        var stacks = WindowedDigests(window: Self.fixture.window, md5: AtariEnvironments.md5(of:))
        var observation = try environment.resetBytes(seed: run.seed)
        #expect(AtariEnvironments.md5(of: observation) == run.resetStack, "\(run.game): reset stack")
        var rewards: [[Double]] = []
        var terminatedSteps: [Int] = []
        var truncatedSteps: [Int] = []
        for step in 0..<Self.steps {
            let result = try environment.stepBytes(.discrete(actions[step]))
            observation = result.observation
            stacks.add(observation)
            if result.reward != 0 { rewards.append([Double(step), result.reward]) }
            if result.terminated { terminatedSteps.append(step) }
            if result.truncated { truncatedSteps.append(step) }
            if result.terminated || result.truncated {
                observation = try environment.resetBytes(seed: nil)
                stacks.add(observation)
            }
            stacks.closeStep(step)
        }
        let windows = Self.steps / Self.fixture.window
        #expect(stacks.windows == Array(run.stackWindows.prefix(windows)), "\(run.game): stacked observations")
        #expect(rewards == Self.within(run.rewards) { Int($0[0]) }, "\(run.game): rewards")
        #expect(terminatedSteps == Self.within(run.terminated) { $0 }, "\(run.game): terminated")
        #expect(truncatedSteps == Self.within(run.truncated) { $0 }, "\(run.game): truncated")
        if Self.steps == Self.fixture.steps {
            let reference = AtariFixture.bytes(run.lastFrame)
            let newest = Array(observation.suffix(84 * 84 * channels))
            #expect(reference.count == newest.count)
            let differing = zip(newest, reference).filter { $0 != $1 }.count
            #expect(differing == 0, "\(run.game): \(differing) of \(newest.count) values of the last frame differ")
        }
    }

    @Test func minimalActionSetsMatchALEAndTheRegistryTable() throws {
        for (game, count) in Self.fixture.minimalActionCounts {
            #expect(MinimalActionSets.count(for: game) == count, "\(game): table")
        }
        for game in ["pong", "breakout", "space_invaders", "montezuma_revenge"] {
            let environment = try AtariEnvironment(.v5(game: game))
            #expect(environment.actionCodes.count == Self.fixture.minimalActionCounts[game], "\(game): emulator")
        }
        #expect(Self.fixture.minimalActionCounts.count == MinimalActionSets.counts.count)
    }
}
#endif
