import Foundation

/// An MDP together with an optional policy, as read from or written to JSON.
///
/// The schema (all numbers JSON numbers):
/// ```json
/// {"P": [s][a][s'], "r": [s] or [s][a], "rho0": [s], "gamma": g, "policy": [s][a]}
/// ```
/// `P[s][a][s']` is P(s' | s, a); `r` is r(s) or r(s, a); `rho0` is ρ0; `gamma` is γ; `policy[s][a]`
/// is π(a | s) and may be omitted on input (the uniform policy is then used by callers).
public struct FiniteMDPDocument: Equatable, Sendable {
    /// The MDP (P, r, ρ0, γ).
    public var mdp: FiniteMDP
    /// The policy π(a | s), if the document has one.
    public var policy: TabularPolicy?

    /// Pairs an MDP with an optional policy.
    ///
    /// - Throws: `FiniteMDPError.policyShapeMismatch` if the policy is not S × A.
    public init(mdp: FiniteMDP, policy: TabularPolicy?) throws(FiniteMDPError) {
        try policy?.validate(for: mdp)
        self.mdp = mdp
        self.policy = policy
    }

    /// Reads and validates a document from JSON bytes.
    ///
    /// - Throws: `FiniteMDPError.malformedJSON` for syntax errors, missing keys or wrong types (naming
    ///   the key path), and the validation errors of `FiniteMDP` and `TabularPolicy` otherwise.
    public init(jsonData: Data) throws(FiniteMDPError) {
        let raw: RawDocument
        do {
            raw = try JSONDecoder().decode(RawDocument.self, from: jsonData)
        } catch let error as DecodingError {
            throw .malformedJSON(reason: Self.explain(error))
        } catch {
            throw .malformedJSON(reason: "\(error)")
        }
        let mdp = try FiniteMDP(
            transitions: raw.P, reward: raw.r.reward, initialDistribution: raw.rho0, discount: raw.gamma)
        let policy = try raw.policy.map { rows throws(FiniteMDPError) in
            try TabularPolicy(rows: rows, stateCount: mdp.stateCount, actionCount: mdp.actionCount)
        }
        try self.init(mdp: mdp, policy: policy)
    }

    /// The document as UTF-8 JSON in the schema above, one transition row per line.
    ///
    /// Numbers are written in Swift's shortest round-trip form, so reading the bytes back gives the
    /// same `Double` values bit for bit.
    public func jsonData() -> Data {
        var text = "{\n  \"P\": [\n"
        let nested = mdp.nestedTransitions
        for (state, perAction) in nested.enumerated() {
            text += "    [\n"
            for (action, row) in perAction.enumerated() {
                text += "      " + Self.format(row) + (action + 1 < perAction.count ? ",\n" : "\n")
            }
            text += "    ]" + (state + 1 < nested.count ? ",\n" : "\n")
        }
        text += "  ],\n"
        switch mdp.reward {
        case .state(let values): text += "  \"r\": \(Self.format(values)),\n"
        case .stateAction(let rows): text += "  \"r\": [\(rows.map(Self.format).joined(separator: ", "))],\n"
        }
        text += "  \"rho0\": \(Self.format(mdp.initialDistribution)),\n"
        text += "  \"gamma\": \(mdp.discount.description)"
        if let policy {
            text += ",\n  \"policy\": [\(policy.rows.map(Self.format).joined(separator: ", "))]"
        }
        text += "\n}\n"
        return Data(text.utf8)
    }

    /// `[x0, x1, …]` with shortest round-trip decimal numbers (all values are finite by validation).
    static func format(_ values: [Double]) -> String {
        "[" + values.map(\.description).joined(separator: ", ") + "]"
    }

    /// A readable one-line account of a decoding failure, naming the key path such as `P[2][0]`.
    static func explain(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let place = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "missing key \"\(key.stringValue)\"\(place)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON (\(context.debugDescription))" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The wire form, decoded before validation.
private struct RawDocument: Decodable {
    // swiftlint:disable identifier_name
    let P: [[[Double]]]
    let r: RawReward
    let rho0: [Double]
    let gamma: Double
    let policy: [[Double]]?
    // swiftlint:enable identifier_name
}

/// `r` as either a vector r(s) or a matrix r(s, a).
private struct RawReward: Decodable {
    let reward: RewardFunction

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let matrix = try? container.decode([[Double]].self) {
            reward = .stateAction(matrix)
        } else if let vector = try? container.decode([Double].self) {
            reward = .state(vector)
        } else {
            throw DecodingError.typeMismatch(
                [Double].self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected r as [s] or [s][a] numbers"))
        }
    }
}
