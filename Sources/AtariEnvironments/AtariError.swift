/// What goes wrong with an Atari environment: each case says what to do about it.
public enum AtariError: Error, Equatable, CustomStringConvertible {
    /// The build has no ALE (`id` was asked for): install it and build with the trait.
    case unavailable(id: String)
    /// No bundled ROM has this name (ale-py's snake_case ROM id).
    case unknownGame(game: String, known: [String])
    /// The ROM file (or the md5 list next to it) is not where the installation put it.
    case missingROM(path: String)
    /// The ROM file's md5 differs from the one ale-py expects.
    case romChecksumMismatch(path: String, expected: String, actual: String)
    /// The action is not an index into the action set (or not a discrete action at all).
    case invalidAction(action: String, count: Int)
    /// A setting has no meaning (e.g. frameskip 0, a mode the game lacks).
    case invalidConfiguration(String)
    /// The emulator reported an error (a C++ exception caught in the shim).
    case emulator(String)
    /// A snapshot was not taken from this kind of Atari environment.
    case invalidSnapshot(String)

    public var description: String {
        switch self {
        case .unavailable(let id):
            return "\(id) needs the Arcade Learning Environment: run scripts/install-ale.sh, then build with "
                + "--traits ALE (e.g. swift build --traits ALE)"
        case .unknownGame(let game, let known):
            return "unknown Atari game \"\(game)\"; the bundled ROMs are: \(known.joined(separator: ", "))"
        case .missingROM(let path):
            return "ROM file \(path) not found: run scripts/install-ale.sh (or set ALE_ROMS_DIR)"
        case .romChecksumMismatch(let path, let expected, let actual):
            return "ROM file \(path) has md5 \(actual), expected \(expected): reinstall with scripts/install-ale.sh"
        case .invalidAction(let action, let count):
            return "action \(action) is not in the action set Discrete(\(count))"
        case .invalidConfiguration(let message):
            return "invalid Atari configuration: \(message)"
        case .emulator(let message):
            return "ALE error: \(message)"
        case .invalidSnapshot(let message):
            return "invalid Atari snapshot: \(message)"
        }
    }
}
