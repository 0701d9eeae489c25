import Environments
import Foundation

/// An action as stored in the fixtures: an integer (Discrete) or a float32 array (Box).
enum FixtureAction: Decodable {
    case discrete(Int)
    case continuous([Float])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .discrete(value)
        } else {
            self = .continuous(try container.decode([Double].self).map { Float($0) })
        }
    }

    var action: Action {
        switch self {
        case .discrete(let value): return .discrete(value)
        case .continuous(let values): return .continuous(values)
        }
    }
}

/// One Gymnasium trace of `generate_classic_control.py`.
struct ClassicControlRun: Decodable {
    struct Reset: Decodable {
        var step: Int
        var state: [Double]
        var observation: [Double]
    }

    var seed: UInt64
    var policy: String
    var resetState: [Double]
    var resetObservation: [Double]
    var actions: [FixtureAction]
    var observations: [[Double]]
    var rewards: [Double]
    var terminated: [Bool]
    var truncated: [Bool]
    var resets: [Reset]
}

/// All traces of one environment.
struct ClassicControlFixture: Decodable {
    var id: String
    var runs: [ClassicControlRun]
}

/// A `SyncVectorEnv` trace with same-step auto-reset.
struct VectorFixture: Decodable {
    struct Step: Decodable {
        var actions: [FixtureAction]
        var observations: [[Double]]
        var rewards: [Double]
        var terminated: [Bool]
        var truncated: [Bool]
        var finalObservations: [[Double]?]
    }

    var id: String
    var copies: Int
    var seed: UInt64
    var resetObservations: [[Double]]
    var steps: [Step]
}

/// NumPy's SeedSequence / PCG64 / Generator values per seed.
struct NumPyRandomFixture: Decodable {
    struct Case: Decodable {
        var seed: String
        var pool: [UInt32]
        var stateWordsUint32: [UInt32]
        var pcgState: String
        var pcgIncrement: String
        var random: [Double]
        var uniformAfter: [Double]
    }

    var cases: [Case]
}

enum FixtureError: Error { case missing(String) }

/// Decodes `Fixtures/<name>` from the test bundle (snake_case keys).
func loadFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
        throw FixtureError.missing(name)
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(T.self, from: Data(contentsOf: url))
}

/// The float32 values of a fixture row (written as shortest float32 reprs, so exact).
func float32(_ values: [Double]) -> [Float] { values.map { Float($0) } }
