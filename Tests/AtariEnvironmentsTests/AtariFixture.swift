import Foundation

/// The reference traces written by Fixtures/make_atari_fixtures.py (ale-py 0.12.1, Gymnasium 1.4.0).
struct AtariFixture: Decodable {
    struct RawRun: Decodable {
        var game: String
        var sticky: Float
        var seed: UInt64
        var actions: String
        var actionString: String
        var resetFrame: String
        var resetRam: String
        var frameWindows: [String]
        var ramWindows: [String]
        var rewards: [[Double]]
        var lives: [[Int]]
        var terminated: [Int]
        var truncated: [Int]
    }

    struct PreprocessedRun: Decodable {
        var game: String
        var seed: UInt64
        var grayscale: Bool
        var terminalOnLifeLoss: Bool
        var actionString: String
        var resetStack: String
        var stackWindows: [String]
        var rewards: [[Double]]
        var terminated: [Int]
        var truncated: [Int]
        var lastFrame: String
    }

    struct Resize: Decodable {
        var gray: String
        var rgb: String
    }

    var versions: [String: String]
    var steps: Int
    var window: Int
    var minimalActionCounts: [String: Int]
    var resize: Resize
    var rawRuns: [RawRun]
    var preprocessedRuns: [PreprocessedRun]

    static let shared: AtariFixture = load("atari_reference")

    /// The fixture `name`.json of the test bundle, its snake-case keys as Swift names.
    static func load<Fixture: Decodable>(_ name: String) -> Fixture {
        do {
            guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
                fatalError("\(name).json is missing from the test bundle")
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Fixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(name).json: \(error)")
        }
    }

    /// The action indices of a run (letters a, b, ... for 0, 1, ...).
    static func actions(_ string: String) -> [Int] {
        string.unicodeScalars.map { Int($0.value) - Int(UnicodeScalar("a").value) }
    }

    /// Base64 bytes.
    static func bytes(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64) ?? Data()) }

    /// The generator's synthetic 210 × 160 images (same formulas as `synthetic_images`).
    static func syntheticImages() -> (gray: [UInt8], rgb: [UInt8]) {
        var gray = [UInt8](repeating: 0, count: 210 * 160)
        var rgb = [UInt8](repeating: 0, count: 210 * 160 * 3)
        for row in 0..<210 {
            for column in 0..<160 {
                let value = UInt8((row * 7 + column * 13 + (row * column) % 11) % 256)
                gray[row * 160 + column] = value
                let pixel = (row * 160 + column) * 3
                rgb[pixel] = value
                rgb[pixel + 1] = UInt8((row * 3) % 256)
                rgb[pixel + 2] = UInt8(((row / 5 + column / 3) % 2) * 255)
            }
        }
        return (gray, rgb)
    }
}

/// md5 of the concatenated md5 digests of the observations added in each window of steps
/// (the generator's `WindowedDigests`).
struct WindowedDigests {
    let window: Int
    let md5: ([UInt8]) -> String
    var windows: [String] = []
    private var current: [UInt8] = []

    init(window: Int, md5: @escaping ([UInt8]) -> String) {
        self.window = window
        self.md5 = md5
    }

    mutating func add(_ observation: [UInt8]) { current += Self.digestBytes(md5(observation)) }

    mutating func closeStep(_ step: Int) {
        guard (step + 1) % window == 0 else { return }
        windows.append(md5(current))
        current.removeAll(keepingCapacity: true)
    }

    static func digestBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
