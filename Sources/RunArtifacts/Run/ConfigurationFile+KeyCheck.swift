import Yams

extension ConfigurationFile {
    /// Throws unless every mapping key in the YAML document `text` is a plain scalar.
    ///
    /// Yams' `load` force-unwraps a key that is a sequence or a mapping (`? [a]: b`, or `! []: []`,
    /// which fuzzing found) and crashes the process; composing the node tree first never does, so a
    /// settings file with such a key becomes a clear error instead.
    static func requireScalarKeys(_ text: String, path: String) throws {
        guard let root = try Yams.compose(yaml: text) else { return }
        var pending = [root]
        while let node = pending.popLast() {
            switch node {
            case .scalar: continue
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
