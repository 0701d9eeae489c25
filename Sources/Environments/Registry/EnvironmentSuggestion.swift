/// What to tell a user whose environment id is not registered: the engine the id needs (MuJoCo,
/// the Arcade Learning Environment) and how to get it, or the closest registered id.
public enum EnvironmentSuggestion {
    /// Gymnasium's MuJoCo tasks, by the name before `-v`.
    static let mujocoTasks: Set<String> = [
        "Ant", "HalfCheetah", "Hopper", "Humanoid", "HumanoidStandup", "InvertedDoublePendulum", "InvertedPendulum",
        "Pusher", "Reacher", "Swimmer", "Walker2d",
    ]
    /// Atari games users name most often without the `ALE/` namespace (`Pong-v4`, `BreakoutNoFrameskip-v4`).
    static let atariGames: Set<String> = [
        "Alien", "Amidar", "Assault", "Asterix", "Asteroids", "Atlantis", "BankHeist", "BattleZone", "BeamRider",
        "Bowling", "Boxing", "Breakout", "Centipede", "ChopperCommand", "CrazyClimber", "DemonAttack", "DoubleDunk",
        "Enduro", "FishingDerby", "Freeway", "Frostbite", "Gopher", "Gravitar", "IceHockey", "Jamesbond", "Kangaroo",
        "Krull", "KungFuMaster", "MontezumaRevenge", "MsPacman", "NameThisGame", "Pitfall", "Pong", "PrivateEye",
        "Qbert", "Riverraid", "RoadRunner", "Robotank", "Seaquest", "SpaceInvaders", "StarGunner", "Tennis",
        "TimePilot", "Tutankham", "UpNDown", "Venture", "VideoPinball", "WizardOfWor", "Zaxxon",
    ]

    /// The sentence to add to "unknown environment id", or nil when there is nothing useful to say.
    public static func hint(for id: String, knownIds: [String]) -> String? {
        if isMuJoCo(id) && !knownIds.contains(where: isMuJoCo) {
            return "\(id) is a MuJoCo environment, and this trpo was built without MuJoCo: run "
                + "scripts/install-mujoco.sh, then build with --traits MuJoCo (swift build -c release --traits MuJoCo)"
        }
        if isAtari(id) && !knownIds.contains(where: isAtari) {
            return "\(id) is an Atari game, and this trpo was built without the Arcade Learning Environment: run "
                + "scripts/install-ale.sh, then build with --traits ALE (swift build -c release --traits ALE)"
        }
        if let closest = closest(to: id, among: knownIds) { return "did you mean \(closest)?" }
        return nil
    }

    /// The name before the version suffix: `Hopper` for `Hopper-v4`, `ALE/Pong` for `ALE/Pong-v5`.
    static func baseName(_ id: String) -> Substring {
        guard let range = id.range(of: "-v", options: .backwards),
            !id[range.upperBound...].isEmpty, id[range.upperBound...].allSatisfy(\.isNumber)
        else { return id[...] }
        return id[..<range.lowerBound]
    }

    static func isMuJoCo(_ id: String) -> Bool { mujocoTasks.contains(String(baseName(id))) }

    static func isAtari(_ id: String) -> Bool {
        if id.hasPrefix("ALE/") { return true }
        var game = String(baseName(id))
        for suffix in ["NoFrameskip", "Deterministic", "-ram"] where game.hasSuffix(suffix) {
            game.removeLast(suffix.count)
        }
        return atariGames.contains(game)
    }

    /// The registered id nearest to `id` by edit distance, ignoring case and the version suffix, if
    /// it is near enough to be a slip (at most a third of the name's characters, and at least 2).
    public static func closest(to id: String, among knownIds: [String]) -> String? {
        let typed = Array(id.lowercased())
        var best: (id: String, distance: Int)?
        for known in knownIds {
            let full = Array(known.lowercased())
            let base = Array(baseName(known).lowercased())
            let distance = Swift.min(editDistance(typed, full), editDistance(typed, base))
            if distance < (best?.distance ?? Int.max) { best = (known, distance) }
        }
        guard let best, best.distance <= Swift.max(2, typed.count / 3) else { return nil }
        return best.id
    }

    /// Levenshtein distance (insertions, deletions, substitutions) by the two-row dynamic program.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
