import Yams

extension ConfigurationFile {
    /// Throws unless Yams' `load` can build the YAML document `text` without crashing: every
    /// mapping key is a plain scalar, and no base-60 integer (YAML 1.1's `1:30`) overflows `Int`.
    ///
    /// Yams' `load` force-unwraps a key that is a sequence or a mapping (`? [a]: b`, or `! []: []`)
    /// and traps on an overflowing base-60 integer (`256777777777777777:7`), both found by fuzzing;
    /// composing the node tree first never does, so such a file becomes a clear error instead.
    static func requireScalarKeys(_ text: String, path: String) throws {
        guard let root = try Yams.compose(yaml: text) else { return }
        var pending = [root]
        while let node = pending.popLast() {
            switch node {
            case .scalar(let scalar):
                if node.tag.description == Tag.Name.int.rawValue, scalar.string.contains(":"), !fitsInt(baseSixty: scalar.string) {
                    throw RunError.malformedFile(path: path, reason: "the integer \(scalar.string) is too large")
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard case .scalar = key else {
                        throw RunError.malformedFile(
                            path: path, reason: "malformed YAML: a mapping key must be a plain value, not \(key.typeName)")
                    }
                    pending.append(value)
                }
            @unknown default: continue
            }
        }
    }
}

/// Whether a base-60 integer such as `-1_0:30:05` fits in `Int` (checked with overflow reporting).
func fitsInt(baseSixty text: String) -> Bool {
    var value = 0
    for part in text.filter({ $0 != "_" && $0 != "+" && $0 != "-" }).split(separator: ":") {
        guard let digits = Int(part) else { return false }
        let (shifted, overflow) = value.multipliedReportingOverflow(by: 60)
        let (sum, overflowAgain) = shifted.addingReportingOverflow(digits)
        if overflow || overflowAgain { return false }
        value = sum
    }
    return true
}

extension Node {
    /// "a sequence", "a mapping" or "a scalar", for messages.
    var typeName: String {
        switch self {
        case .scalar: return "a scalar"
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        @unknown default: return "another node"
        }
    }
}
