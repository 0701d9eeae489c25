#if ALE
import Environments
import Foundation
import Testing

@testable import AtariEnvironments

/// The traces of Fixtures/make_sb3_atari_fixtures.py: SB3 2.9.2's own `AtariWrapper`, `DummyVecEnv`
/// and `VecFrameStack(4)` on `<Game>NoFrameskip-v4` (ale-py 0.12.1, Gymnasium 1.4.0, OpenCV 5.0.0).
struct StableBaselinesAtariFixture: Decodable {
    struct Run: Decodable {
        var game: String
        var seed: UInt64
        var sticky: Float
        var actionString: String
        var resetStack: String
        var stackWindows: [String]
        var rewards: [[Double]]
        var lives: [[Int]]
        var terminated: [Int]
        var truncated: [Int]
        var lastFrame: String
    }

    var versions: [String: String]
    var steps: Int
    var window: Int
    var grayscale: String
    var runs: [Run]

    static let shared: StableBaselinesAtariFixture = AtariFixture.load("sb3_atari_reference")
}

/// `AtariEnvironments.atariWrapperStack` against SB3's stack, every stacked observation identical
/// (as md5 windows; the last newest frame pixel by pixel), with rewards, lives and episode ends.
/// Steps compared as `AtariParityTests`: 500 in a debug build, all 2,000 in release or with
/// `ATARI_PARITY_STEPS=2000`.
@Suite struct AtariWrapperParityTests {
    static let fixture = StableBaselinesAtariFixture.shared
    static let steps = AtariParityTests.steps

    @Test func fixtureVersionsArePinned() {
        #expect(Self.fixture.versions["stable_baselines3"] == "2.9.2" && Self.fixture.versions["ale_py"] == "0.12.1")
        #expect(Self.fixture.versions["opencv"] == "5.0.0" && Self.fixture.steps == 2000)
    }

    @Test func grayscaleIsOpenCVsConversion() {
        let reference = AtariFixture.bytes(Self.fixture.grayscale)
        let converted = OpenCVGrayscale.convert(AtariFixture.syntheticImages().rgb)
        #expect(converted.count == 210 * 160 && reference.count == converted.count)
        let differing = zip(converted, reference).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(converted.count) gray values differ from cv2.cvtColor")
    }

    @Test(arguments: Array(StableBaselinesAtariFixture.shared.runs.indices))
    func stacksRewardsAndLivesMatch(runIndex: Int) throws {
        let run = Self.fixture.runs[runIndex]
        let label = "\(run.game) sticky \(run.sticky)"
        let environment = try AtariEnvironments.atariWrapperStack(game: run.game, repeatActionProbability: run.sticky)
        #expect(environment.observationLayout.shape == [4, 84, 84])
        let actions = AtariFixture.actions(run.actionString)
        var stacks = WindowedDigests(window: Self.fixture.window, md5: AtariEnvironments.md5(of:))
        var observation = try environment.resetBytes(seed: run.seed)
        #expect(AtariEnvironments.md5(of: observation) == run.resetStack, "\(label): reset stack")
        #expect(observation.prefix(3 * 84 * 84).allSatisfy { $0 == 0 }, "VecFrameStack pads with zeros")
        var rewards: [[Double]] = [], lives = [[-1, environment.lives]]
        var terminatedSteps: [Int] = [], truncatedSteps: [Int] = []
        for step in 0..<Self.steps {
            let result = try environment.stepBytes(.discrete(actions[step]))
            observation = result.observation
            if result.reward != 0 { rewards.append([Double(step), result.reward]) }
            if environment.lives != lives[lives.count - 1][1] { lives.append([step, environment.lives]) }
            if result.terminated { terminatedSteps.append(step) }
            if result.truncated { truncatedSteps.append(step) }
            stacks.add(observation)
            if result.terminated || result.truncated {
                observation = try environment.resetBytes(seed: nil)
                stacks.add(observation)
            }
            stacks.closeStep(step)
        }
        let within = { (step: Int) in step < Self.steps }
        #expect(stacks.windows == Array(run.stackWindows.prefix(Self.steps / Self.fixture.window)), "\(label): stacks")
        #expect(rewards == run.rewards.filter { within(Int($0[0])) }, "\(label): clipped rewards")
        #expect(lives == run.lives.filter { within($0[0]) }, "\(label): lives")
        #expect(terminatedSteps == run.terminated.filter(within), "\(label): terminated")
        #expect(truncatedSteps == run.truncated.filter(within), "\(label): truncated")
        if Self.steps == Self.fixture.steps {
            let reference = AtariFixture.bytes(run.lastFrame)
            let newest = Array(observation.suffix(84 * 84))
            let differing = zip(newest, reference).filter { $0 != $1 }.count
            #expect(reference.count == newest.count && differing == 0, "\(label): \(differing) pixels of the last frame differ")
        }
    }

    /// Restoring a snapshot (the emulator, both pooling screens, lives, was_real_done, the stack)
    /// and replaying the actions gives the same observations, across life-loss resets.
    @Test func snapshotReplaysTheSameStacks() throws {
        let environment = try AtariEnvironments.atariWrapperStack(game: "breakout")
        let actions = AtariFixture.actions(Self.fixture.runs[1].actionString)
        _ = try environment.resetBytes(seed: 3)
        for action in actions.prefix(15) { _ = try environment.stepBytes(.discrete(action)) }
        let snapshot = environment.snapshot()
        func replay() throws -> [String] {
            try actions[15..<95].map { action in
                let result = try environment.stepBytes(.discrete(action))
                let observation = result.terminated || result.truncated ? try environment.resetBytes(seed: nil) : result.observation
                return AtariEnvironments.md5(of: observation) + "\(result.reward)"
            }
        }
        let first = try replay()
        try environment.restore(snapshot)
        #expect(try replay() == first)
    }
}
#endif
