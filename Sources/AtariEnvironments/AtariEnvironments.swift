import Environments

#if ALE
import CALEShim
#endif

/// The Atari 2600 games of the Arcade Learning Environment under Gymnasium's ids (ale-py's
/// `registration.py`); present in every build, populated only with the `ALE` trait.
public enum AtariEnvironments {
    /// True when this build links ALE (built with `--traits ALE`).
    public static var isAvailable: Bool {
        #if ALE
        return true
        #else
        return false
        #endif
    }

    /// The ROMs of this installation (`ALE_ROMS_DIR`, else scripts/install-ale.sh's directory).
    public static func installedROMs() throws -> AtariROMs {
        #if ALE
        return try AtariROMs(directory: AtariROMs.directory(defaultDirectory: String(cString: ale_shim_default_rom_directory())))
        #else
        throw AtariError.unavailable(id: "an Atari environment")
        #endif
    }

    #if ALE
    /// The md5 digest (lower-case hex) of an observation, as `hashlib.md5(obs.tobytes()).hexdigest()`:
    /// how `trpo rollout` and the parity tests name frames instead of printing their pixels.
    public static func md5(of bytes: [UInt8]) -> String { ALEEmulator.md5(of: bytes) }

    /// Gymnasium's usual Atari stack for `game`: `FrameStackObservation(AtariPreprocessing(
    /// gym.make("ALE/<Game>-v5", frameskip=1)), 4)` with its defaults (sticky actions 0.25).
    public static func preprocessedStack(
        game: String, repeatActionProbability: Float = 0.25, stackSize: Int = 4, roms: AtariROMs? = nil
    ) throws -> FrameStack {
        var configuration = AtariConfiguration.v5(game: game, observationType: .rgb)
        configuration.frameskip = 1
        configuration.repeatActionProbability = repeatActionProbability
        return try FrameStack(AtariPreprocessing(AtariEnvironment(configuration, roms: roms)), count: stackSize)
    }
    #endif

    /// True for the ids this module registers with the trait (`ALE/...-v5`, `...NoFrameskip-v4`),
    /// so a build without it can say how to get them.
    public static func looksLikeAtariId(_ id: String) -> Bool {
        id.hasPrefix("ALE/") || id.hasSuffix("NoFrameskip-v4")
    }

    /// One registry entry: a Gymnasium id and the `AtariEnv` arguments it stands for.
    public struct Entry: Sendable, Hashable {
        /// The Gymnasium id, e.g. `ALE/Pong-v5`.
        public var id: String
        /// The `AtariEnv` arguments the id stands for.
        public var configuration: AtariConfiguration
    }

    /// ale-py 0.12.1's ids for the games in `roms`, in its registration order: the `v5` ids of
    /// every single-player ROM, then `<Game>NoFrameskip-v4` for the legacy games. Each also gets a
    /// `-ram` variant (`ALE/Pong-ram-v5`, `Pong-ramNoFrameskip-v4`), the ids older ale-py versions
    /// registered for `obs_type="ram"`.
    public static func entries(games: [String]) -> [Entry] {
        var entries: [Entry] = []
        let available = Set(games)
        for game in games where !AtariROMs.multiplayerOnlyGames.contains(game) {
            let name = AtariROMs.gymnasiumName(of: game)
            entries.append(Entry(id: "ALE/\(name)-v5", configuration: .v5(game: game)))
            entries.append(Entry(id: "ALE/\(name)-ram-v5", configuration: .v5(game: game, observationType: .ram)))
        }
        for game in AtariROMs.legacyGames where available.contains(game) {
            let name = AtariROMs.gymnasiumName(of: game)
            entries.append(Entry(id: "\(name)NoFrameskip-v4", configuration: .noFrameskipV4(game: game)))
            entries.append(
                Entry(id: "\(name)-ramNoFrameskip-v4", configuration: .noFrameskipV4(game: game, observationType: .ram)))
        }
        return entries
    }

    /// Registers every Atari id of this build (none without the trait) and returns the ids added;
    /// ids already present are left alone. The spaces come from the configuration, so no ROM is
    /// loaded until an environment is made; `make` checks the ROM and throws `AtariError`.
    @discardableResult
    public static func registerAll(in registry: EnvironmentRegistry = .shared) throws -> [String] {
        #if ALE
        let roms = try installedROMs()
        AtariTraining.registerProvider(in: registry, roms: roms)
        var added: [String] = []
        // Ids share a handful of layouts: one box per layout, shared by its ids (an RGB screen's
        // bounds are 2 × 100,800 Floats, which every `trpo` start-up filled for each id).
        var boxes: [ObservationLayout: Space] = [:]
        for entry in entries(games: roms.games) where registry.specification(for: entry.id) == nil {
            let configuration = entry.configuration
            let layout = configuration.observationLayout
            let box = boxes[layout] ?? layout.box(low: 0, high: 255)
            boxes[layout] = box
            // The minimal action set's size comes from a table (checked against ALE by a test), so
            // no ROM is loaded here; a game missing from it lists the full set of 18.
            var specification = EnvironmentSpecification(
                id: entry.id, observationSpace: box,
                actionSpace: .discrete(count: MinimalActionSets.count(for: configuration.game) ?? 18),
                maxEpisodeSteps: nil, rewardThreshold: nil,
                makeUnwrapped: { try AtariEnvironment(configuration, roms: roms) })
            specification.observationLayout = layout
            do {
                try registry.register(specification)
                added.append(entry.id)
            } catch EnvironmentError.duplicateRegistration {
                // Registered by another thread since the check: leave that entry.
            }
        }
        return added
        #else
        return []
        #endif
    }
}
