#if ALE
import Environments
import Foundation
import Testing

@testable import AtariEnvironments

/// Snapshot replay, registration and the errors users can hit.
@Suite struct AtariBehaviourTests {
    /// Digests of the frames of `steps` steps with actions from a fixed LCG starting at `state`.
    static func frameDigests(_ environment: any ByteObservationEnvironment, steps: Int, state: UInt64) throws -> [String] {
        var lcg = state
        var digests: [String] = []
        guard case .discrete(let count) = environment.actionSpace else { return [] }
        for _ in 0..<steps {
            lcg = lcg &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let result = try environment.stepBytes(.discrete(Int(lcg >> 33) % count))
            digests.append(AtariEnvironments.md5(of: result.observation) + " \(result.reward) \(result.terminated)")
            if result.terminated || result.truncated { _ = try environment.resetBytes(seed: nil) }
        }
        return digests
    }

    /// Restoring a snapshot and replaying the same actions gives the same frames, sticky actions
    /// (ALE's random stream) included; a different continuation does change them.
    @Test(arguments: ["raw", "stack"])
    func snapshotRestoreReplaysIdentically(kind: String) throws {
        let environment: any ByteObservationEnvironment =
            kind == "raw" ? try AtariEnvironment(.v5(game: "breakout")) : try AtariEnvironments.preprocessedStack(game: "pong")
        _ = try environment.resetBytes(seed: 7)
        _ = try Self.frameDigests(environment, steps: 150, state: 1)
        let snapshot = environment.snapshot()
        let first = try Self.frameDigests(environment, steps: 200, state: 2)
        try environment.restore(snapshot)
        let other = try Self.frameDigests(environment, steps: 200, state: 3)
        try environment.restore(snapshot)
        let replay = try Self.frameDigests(environment, steps: 200, state: 2)
        #expect(replay == first)
        #expect(first != other)
    }

    /// Sticky actions draw from ALE's stream: with p = 0.25 the same actions from the same seed
    /// repeat exactly, and differ from the same actions with p = 0.
    @Test func stickyActionsAreSeeded() throws {
        func digests(sticky: Float, seed: UInt64) throws -> [String] {
            var configuration = AtariConfiguration.v5(game: "pong")
            configuration.repeatActionProbability = sticky
            let environment = try AtariEnvironment(configuration)
            _ = try environment.resetBytes(seed: seed)
            return try Self.frameDigests(environment, steps: 300, state: 5)
        }
        #expect(try digests(sticky: 0.25, seed: 3) == digests(sticky: 0.25, seed: 3))
        #expect(try digests(sticky: 0.25, seed: 3) != digests(sticky: 0, seed: 3))
    }

    @Test func registersGymnasiumIds() throws {
        let registry = EnvironmentRegistry()
        let added = try AtariEnvironments.registerAll(in: registry)
        for id in ["ALE/Pong-v5", "ALE/SpaceInvaders-v5", "ALE/Pong-ram-v5", "PongNoFrameskip-v4",
                   "Pong-ramNoFrameskip-v4", "BeamRiderNoFrameskip-v4", "ALE/Qbert-v5"] {
            #expect(added.contains(id), "\(id) not registered")
        }
        #expect(!added.contains("ALE/Combat-v5"))
        let pong = try #require(registry.specification(for: "ALE/Pong-v5"))
        #expect(pong.observationLayout == ObservationLayout(shape: [210, 160, 3], elementType: .uint8))
        #expect(pong.actionSpace == .discrete(count: 6))
        let ram = try registry.make("Pong-ramNoFrameskip-v4")
        #expect(ram.observationSpace.dimension == 128)
        let observation = try ram.reset(seed: 0)
        #expect(observation.count == 128 && observation.allSatisfy { $0 >= 0 && $0 <= 255 && $0 == $0.rounded() })
        #expect(try AtariEnvironments.registerAll(in: registry).isEmpty)
    }

    @Test func outOfRangeActionsAreErrors() throws {
        let environment = try AtariEnvironment(.v5(game: "pong"))
        _ = try environment.resetBytes(seed: 0)
        #expect(throws: AtariError.invalidAction(action: "6", count: 6)) { try environment.stepBytes(.discrete(6)) }
        #expect(throws: AtariError.self) { try environment.stepBytes(.discrete(-1)) }
        #expect(throws: AtariError.self) { try environment.stepBytes(.continuous([0])) }
    }

    @Test func unknownMissingAndAlteredROMsAreErrors() throws {
        let installed = try AtariEnvironments.installedROMs()
        #expect(throws: AtariError.self) { try AtariEnvironment(.v5(game: "pongg"), roms: installed) }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("atari-roms-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = (installed.directory as NSString).appendingPathComponent("md5.json")
        try FileManager.default.copyItem(atPath: list, toPath: directory.appendingPathComponent("md5.json").path)
        let roms = try AtariROMs(directory: directory.path)
        let missing = directory.appendingPathComponent("pong.bin").path
        #expect(throws: AtariError.missingROM(path: missing)) { try AtariEnvironment(.v5(game: "pong"), roms: roms) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: installed.directory).appendingPathComponent("pong.bin")))
        bytes[100] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: missing))
        #expect {
            try AtariEnvironment(.v5(game: "pong"), roms: roms)
        } throws: { error in
            guard case AtariError.romChecksumMismatch(_, let expected, _) = error else { return false }
            return expected == installed.checksums["pong"]
        }
        #expect(throws: AtariError.self) { try AtariROMs(directory: directory.appendingPathComponent("none").path) }
    }

    @Test func badSettingsAreErrors() {
        var configuration = AtariConfiguration.v5(game: "pong")
        configuration.frameskip = 0
        #expect(throws: AtariError.self) { try AtariEnvironment(configuration) }
        #expect(throws: AtariError.self) { try AtariPreprocessing(AtariEnvironment(.v5(game: "pong"))) }
        var modes = AtariConfiguration.v5(game: "pong")
        modes.mode = 99
        #expect(throws: AtariError.self) { try AtariEnvironment(modes) }
    }
}
#endif
