import Environments
import Foundation

/// A Gymnasium space as the worker describes it, and its translation to a TrustRegion `Space`.
struct BridgedSpace: Decodable {
    /// Gymnasium's class name: `Box`, `Discrete`, `MultiDiscrete`, `MultiBinary`, or another (refused).
    var kind: String
    /// `Discrete`: the number of choices; `MultiBinary`: the number of bits (all of its shape).
    var n: Int?
    /// `MultiDiscrete`: the choices per coordinate, flattened.
    var nvec: [Int]?
    /// `Box`: the bounds, flattened, as Python's `repr` of each float (JSON has no infinities).
    var low: [String]?
    var high: [String]?
    /// Other kinds: Gymnasium's `str(space)`.
    var description: String?

    /// The TrustRegion space; throws `unsupportedSpace` naming the kind otherwise.
    ///
    /// `Discrete(n, start)` and `MultiDiscrete(nvec, start)` become 0-based: the worker adds
    /// `start` to every action it receives. Boxes of any shape are flattened row-major, and so are
    /// `MultiBinary` spaces: actions of n bits, observations a Box of n values in [0, 1].
    func space(target: String, role: String) throws -> Space {
        switch kind {
        case "Discrete":
            if let n { return .discrete(count: n) }
        case "MultiDiscrete":
            if let nvec { return .multiDiscrete(counts: nvec) }
        case "MultiBinary":
            if let n, n > 0 {
                return role == "action"
                    ? .multiBinary(count: n) : .box(low: [Float](repeating: 0, count: n), high: [Float](repeating: 1, count: n))
            }
        case "Box":
            if let low, let high, low.count == high.count {
                let lows = low.compactMap(Self.float)
                let highs = high.compactMap(Self.float)
                if lows.count == low.count && highs.count == high.count { return .box(low: lows, high: highs) }
            }
        default:
            throw BridgeError.unsupportedSpace(target: target, role: role, kind: kind, description: description ?? kind)
        }
        throw BridgeError.protocolViolation(target: target, reason: "malformed \(kind) \(role) space")
    }

    /// Python's `repr(float)`: a decimal, `inf`, `-inf` or `nan`.
    private static func float(_ text: String) -> Float? { Float(text) }
}

/// The worker's reply to the opening request.
struct BridgedSpaces: Decodable {
    var observationSpace: BridgedSpace
    var actionSpace: BridgedSpace

    enum CodingKeys: String, CodingKey {
        case observationSpace = "observation_space"
        case actionSpace = "action_space"
    }
}
