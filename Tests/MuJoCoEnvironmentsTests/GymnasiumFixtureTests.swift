#if MuJoCo
import Environments
import Foundation
import MuJoCoEnvironments
import Testing
import _TestSupport

/// Transitions recorded from Gymnasium's own environments (Fixtures/generate_mujoco.py, same
/// MuJoCo 4.0.0): we start from the recorded states, apply the recorded float32 actions and
/// compare every float64 observation, reward and terminated flag.
///
/// Tolerance 1e-6 per quantity, as the issue asks. Our MJCF compiles to Gymnasium's model bit
/// for bit (the generator checks this) and we call the same engine functions in the same order,
/// so the differences we expect are those of sin, cos and the norm's summation order (~1e-15),
/// and the fixtures' 10 significant digits (≤ 1e-9 for the magnitudes here).
struct GymnasiumFixtureTests {
    static let fixtureNames = [
        "Hopper-v4", "Walker2d-v4", "HalfCheetah-v4", "Swimmer-v4", "Ant-v4", "Ant-v4-contact-forces",
        "InvertedPendulum-v4", "InvertedDoublePendulum-v4", "Reacher-v4",
        "Hopper-v5", "Walker2d-v5", "HalfCheetah-v5", "Swimmer-v5", "Ant-v5", "InvertedPendulum-v5",
        "InvertedDoublePendulum-v5", "Reacher-v5",
        "Hopper-v5-options", "Walker2d-v5-options", "HalfCheetah-v5-options", "Swimmer-v5-options",
        "Ant-v5-options", "InvertedDoublePendulum-v5-options", "Reacher-v5-options",
        "Pusher-v5", "Pusher-v5-options", "Humanoid-v4", "Humanoid-v5", "HumanoidStandup-v4", "HumanoidStandup-v5", "Humanoid-v5-options",
    ]
    static let tolerance = 1e-6

    @Test("Observations, rewards and terminations agree with Gymnasium", arguments: fixtureNames)
    func agreesWithGymnasium(fixtureName: String) throws {
        let fixture = try GymnasiumFixture.load(fixtureName)
        #expect(fixture.mujoco == MuJoCoEnvironments.engineVersion)
        let environment = try fixture.makeEnvironment()
        var transitions = 0
        var worstObservation = 0.0, worstReward = 0.0
        for episode in fixture.episodes {
            let positions = try episode.qpos.map(parseHexadecimal)
            let velocities = try episode.qvel.map(parseHexadecimal)
            let first = try environment.reset(positions: positions, velocities: velocities)
            #expect(environment.positions == positions)
            #expect(maximumAbsoluteDifference(environment.observationValues(), episode.observation) <= Self.tolerance)
            #expect(first == environment.observationValues().map { Float($0) })
            for (step, action) in episode.actions.enumerated() {
                let result = try environment.step(.continuous(action.map { Float($0) }))
                let observation = environment.observationValues()
                let observationError = maximumAbsoluteDifference(observation, episode.observations[step])
                let rewardError = abs(result.reward - episode.rewards[step])
                worstObservation = max(worstObservation, observationError)
                worstReward = max(worstReward, rewardError)
                #expect(observationError <= Self.tolerance, "\(fixtureName) seed \(episode.seed) step \(step)")
                #expect(rewardError <= Self.tolerance, "\(fixtureName) seed \(episode.seed) step \(step)")
                #expect(result.terminated == episode.terminated[step], "\(fixtureName) seed \(episode.seed) step \(step)")
                #expect(!result.truncated)
                #expect(result.observation == observation.map { Float($0) })
                transitions += 1
            }
        }
        #expect(transitions >= 6)
        // Keep the measured agreement visible in the test log (and guard the fixture's precision).
        #expect(worstObservation < 1e-7 && worstReward < 1e-7,
                "\(fixtureName): worst observation error \(worstObservation), reward error \(worstReward)")
    }

    /// `reset(seed:)` draws its noise from NumPy's `Generator(PCG64)` as Gymnasium does
    /// (`uniform` for positions, `uniform` or `standard_normal` for velocities), so the start
    /// state equals Gymnasium's bit for bit, for every episode seed and the extra reset seeds.
    @Test("Seeded resets give Gymnasium's start states exactly", arguments: fixtureNames)
    func resetsAgreeWithGymnasium(fixtureName: String) throws {
        let fixture = try GymnasiumFixture.load(fixtureName)
        let environment = try fixture.makeEnvironment()
        let starts = fixture.episodes.map { ($0.seed, $0.qpos, $0.qvel, Optional($0.observation)) }
            + fixture.resets.map { ($0.seed, $0.qpos, $0.qvel, [Double]?.none) }
        #expect(starts.count >= 5)
        for (seed, qpos, qvel, observation) in starts {
            let first = try environment.reset(seed: UInt64(seed))
            #expect(environment.positions == (try qpos.map(parseHexadecimal)), "\(fixtureName) seed \(seed)")
            #expect(environment.velocities == (try qvel.map(parseHexadecimal)), "\(fixtureName) seed \(seed)")
            if let observation {
                #expect(maximumAbsoluteDifference(environment.observationValues(), observation) <= Self.tolerance)
                #expect(first.count == observation.count)
            }
        }
    }
}

/// One fixture file written by generate_mujoco.py.
struct GymnasiumFixture: Decodable {
    struct Episode: Decodable {
        let seed: UInt64
        let qpos: [String]
        let qvel: [String]
        let observation: [Double]
        let actions: [[Double]]
        let observations: [[Double]]
        let rewards: [Double]
        let terminated: [Bool]
    }

    struct Reset: Decodable {
        let seed: UInt64
        let qpos: [String]
        let qvel: [String]
    }

    let environment: String
    /// The keyword arguments as Python's `str(value)`, as a user passes them to `--env-kwargs`.
    let arguments: [String: String]
    let mujoco: String
    let episodes: [Episode]
    let resets: [Reset]

    static func load(_ name: String) throws -> GymnasiumFixture {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(GymnasiumFixture.self, from: Data(contentsOf: url))
    }

    /// The environment the fixture was recorded on, built with the same keyword arguments.
    func makeEnvironment() throws -> any PhysicsEnvironment {
        let made = try MuJoCoEnvironments.make(environment, arguments: EnvironmentArguments(arguments))
        return try #require(made as? any PhysicsEnvironment)
    }
}

struct HexadecimalParseError: Error, CustomStringConvertible {
    let text: String
    var description: String { "not a hexadecimal double: \(text)" }
}

/// Python's `float.hex()` text, e.g. "0x1.4000000000000p+0", as the exact Double.
func parseHexadecimal(_ text: String) throws -> Double {
    guard let value = Double(text) else { throw HexadecimalParseError(text: text) }
    return value
}
#endif
