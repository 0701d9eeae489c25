import Foundation

/// The ROMs bundled with ale-py and installed by scripts/install-ale.sh, with their md5 list.
///
/// ale-py's `roms.get_rom_path`: the ROM of a game `g` (snake_case, e.g. `space_invaders`) is
/// `<directory>/g.bin`, and it must have the md5 that `md5.json` lists for it. The directory is
/// `ALE_ROMS_DIR` when set (as in ale-py), else the build's `<ALE_PREFIX>/roms`.
public struct AtariROMs: Sendable {
    /// The directory holding the `.bin` files and `md5.json`.
    public let directory: String
    /// Expected md5 digest by ROM id (the file name without `.bin`).
    public let checksums: [String: String]

    /// Reads `md5.json` in `directory`; throws `missingROM` if it is absent or unreadable.
    public init(directory: String) throws {
        self.directory = directory
        let listPath = (directory as NSString).appendingPathComponent("md5.json")
        guard let data = FileManager.default.contents(atPath: listPath),
            let table = try? JSONDecoder().decode([String: String].self, from: data)
        else { throw AtariError.missingROM(path: listPath) }
        var checksums: [String: String] = [:]
        for (file, digest) in table where file.hasSuffix(".bin") {
            checksums[String(file.dropLast(4))] = digest.lowercased()
        }
        self.checksums = checksums
    }

    /// The ROM directory of this process: `ALE_ROMS_DIR`, else `defaultDirectory`.
    public static func directory(defaultDirectory: String) -> String {
        if let override = ProcessInfo.processInfo.environment["ALE_ROMS_DIR"], !override.isEmpty { return override }
        return defaultDirectory
    }

    /// Every ROM id, sorted.
    public var games: [String] { checksums.keys.sorted() }

    /// The path of `game`'s ROM after checking that the game is known, the file exists and its md5
    /// is the expected one (`md5` computes a file's digest).
    public func verifiedPath(of game: String, md5: (String) throws -> String) throws -> String {
        guard let expected = checksums[game] else { throw AtariError.unknownGame(game: game, known: games) }
        let path = (directory as NSString).appendingPathComponent("\(game).bin")
        guard FileManager.default.fileExists(atPath: path) else { throw AtariError.missingROM(path: path) }
        let actual = try md5(path)
        guard actual == expected else {
            throw AtariError.romChecksumMismatch(path: path, expected: expected, actual: actual)
        }
        return path
    }

    /// ale-py's `rom_id_to_name`: Python's `str.title()` without underscores (`space_invaders` →
    /// `SpaceInvaders`, `tic_tac_toe_3d` → `TicTacToe3D`).
    public static func gymnasiumName(of game: String) -> String {
        var name = ""
        var previousIsLetter = false
        for character in game {
            if character.isLetter {
                name += previousIsLetter ? character.lowercased() : character.uppercased()
                previousIsLetter = true
            } else {
                if character != "_" { name.append(character) }
                previousIsLetter = false
            }
        }
        return name
    }

    /// The games with `v0`/`v4` ids in ale-py's registration (`register_v0_v4_envs`).
    public static let legacyGames: [String] = [
        "adventure", "air_raid", "alien", "amidar", "assault", "asterix", "asteroids", "atlantis", "bank_heist",
        "battle_zone", "beam_rider", "berzerk", "bowling", "boxing", "breakout", "carnival", "centipede",
        "chopper_command", "crazy_climber", "defender", "demon_attack", "double_dunk", "elevator_action", "enduro",
        "fishing_derby", "freeway", "frostbite", "gopher", "gravitar", "hero", "ice_hockey", "jamesbond",
        "journey_escape", "kangaroo", "krull", "kung_fu_master", "montezuma_revenge", "ms_pacman",
        "name_this_game", "phoenix", "pitfall", "pong", "pooyan", "private_eye", "qbert", "riverraid",
        "road_runner", "robotank", "seaquest", "skiing", "solaris", "space_invaders", "star_gunner", "tennis",
        "time_pilot", "tutankham", "up_n_down", "venture", "video_pinball", "wizard_of_wor", "yars_revenge",
        "zaxxon",
    ]

    /// ROMs without a single-player mode, which ale-py registers no `v5` id for.
    public static let multiplayerOnlyGames: Set<String> = ["combat", "joust", "maze_craze", "warlords"]
}
