import Foundation
import Testing
@testable import RunArtifacts

/// The tensors of Fixtures/make_safetensors_fixture.py, spelled out again in Swift.
func referenceTensors() throws -> SafeTensorsFile {
    try SafeTensorsFile(
        tensors: [
            "policy/weights": SafeTensor(floats: [0.5, -1.25, 3.0, -0.0, Float.leastNonzeroMagnitude, 3.4028235e38], shape: [2, 3]),
            "policy/log_std": SafeTensor(floats: [-.infinity, 0.1]),
            "normalizer/mean": SafeTensor(doubles: [Double.pi, -2.5e-300, 1e300, 0.1]),
            "iteration": SafeTensor(int64s: [7], shape: []),
            "counters": SafeTensor(int64s: [-1, .min, .max]),
            "random/state": SafeTensor(uint64s: [.max, 0x9E37_79B9_7F4A_7C15, 1, 0]),
            "small": SafeTensor(int32s: [-7, .max]),
            "mask": SafeTensor(uint8s: [0, 1, 255]),
            "empty": SafeTensor(floats: [], shape: [0, 3]),
        ],
        metadata: ["note": "h\u{e9}llo \"quoted\"\n\ttab \\ slash"])
}

func fixtureURL() throws -> URL {
    try #require(Bundle.module.url(forResource: "python_reference", withExtension: "safetensors"))
}

@Suite struct SafeTensorsRoundTripTests {
    @Test func everyDataTypeRoundTripsBitForBit() throws {
        let original = try referenceTensors()
        let decoded = try SafeTensorsFile(data: original.serialized())
        #expect(decoded == original)
        #expect(try decoded.floats(named: "policy/weights").map(\.bitPattern)
            == [Float](arrayLiteral: 0.5, -1.25, 3.0, -0.0, 1e-45, 3.4028235e38).map(\.bitPattern))
        #expect(try decoded.doubles(named: "normalizer/mean") == [Double.pi, -2.5e-300, 1e300, 0.1])
        #expect(try decoded.int64s(named: "counters") == [-1, .min, .max])
        #expect(try decoded.uint64s(named: "random/state") == [.max, 0x9E37_79B9_7F4A_7C15, 1, 0])
        #expect(try decoded.tensor(named: "small").int32s() == [-7, .max])
        #expect(try decoded.tensor(named: "mask").uint8s() == [0, 1, 255])
        #expect(try decoded.tensor(named: "iteration").shape == [])
        #expect(try decoded.tensor(named: "empty").elementCount == 0)
        #expect(decoded.metadata == original.metadata)
    }

    @Test func nanPayloadsSurvive() throws {
        let quiet = Float(bitPattern: 0x7FC0_0001)
        let file = try SafeTensorsFile(tensors: ["x": SafeTensor(floats: [quiet, .nan]), "y": SafeTensor(doubles: [-.nan])])
        let decoded = try SafeTensorsFile(data: file.serialized())
        #expect(try decoded.floats(named: "x").map(\.bitPattern) == [quiet.bitPattern, Float.nan.bitPattern])
        #expect(try decoded.doubles(named: "y").map(\.bitPattern) == [(-Double.nan).bitPattern])
    }

    @Test func readsThePythonFixture() throws {
        let fixture = try SafeTensorsFile(contentsOf: fixtureURL())
        #expect(fixture == (try referenceTensors()))
        #expect(try fixture.tensor(named: "policy/weights").shape == [2, 3])
        #expect(try fixture.tensor(named: "empty").shape == [0, 3])
    }

    @Test func writesTheSameBytesAsPython() throws {
        // Layout (widest dtype first, then name), header escaping and padding all match the library.
        let pythonBytes = try AtomicFile.read(from: fixtureURL())
        #expect(try referenceTensors().serialized() == pythonBytes)
    }

    @Test func headerIsPaddedToEightBytes() throws {
        for nameLength in 1...9 {
            let file = SafeTensorsFile(tensors: [String(repeating: "n", count: nameLength): try SafeTensor(uint8s: [1])])
            let bytes = try file.serialized()
            let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect(headerLength % 8 == 0)
            #expect(bytes.count == 8 + headerLength + 1)
        }
    }

    @Test func writeAndReadAFile() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let url = directory.file("checkpoint.safetensors")
        try referenceTensors().write(to: url)
        #expect(try SafeTensorsFile(contentsOf: url) == (try referenceTensors()))
        #expect(try directory.entries() == ["checkpoint.safetensors"])
    }

    @Test func accessorsNameTheTensorOnMistakes() throws {
        let file = try referenceTensors()
        #expect(throws: SafeTensorsError.dataTypeMismatch(name: "counters", expected: .float32, found: .int64)) {
            try file.floats(named: "counters")
        }
        #expect(throws: SafeTensorsError.self) { try file.floats(named: "missing") }
        #expect(throws: SafeTensorsError.self) { try SafeTensor(floats: [1, 2, 3], shape: [2, 2]) }
        #expect(throws: SafeTensorsError.reservedName) {
            try SafeTensorsFile(tensors: ["__metadata__": SafeTensor(uint8s: [])]).serialized()
        }
    }

    /// Writes a sample for scripts/check_safetensors_interop.py when asked to (see that script).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TRUSTREGION_SAFETENSORS_INTEROP_OUT"] != nil))
    func writesTheInteroperabilitySample() throws {
        let path = try #require(ProcessInfo.processInfo.environment["TRUSTREGION_SAFETENSORS_INTEROP_OUT"])
        var sample = try referenceTensors()
        sample.metadata["format"] = "trustregion-interop-1"
        sample.tensors["ramp"] = try SafeTensor(floats: (0..<1000).map { Float(Double($0) * 0.37 - 3) }, shape: [10, 100])
        try sample.write(to: URL(fileURLWithPath: path))
        #expect(try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path)) == sample)
    }
}
