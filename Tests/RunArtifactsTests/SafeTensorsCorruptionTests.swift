import Foundation
import Testing
@testable import RunArtifacts

/// Safetensors bytes from a header text and a data section; `headerLength` overrides the length field.
func safetensorsBytes(header: String, data: [UInt8] = [], headerLength: UInt64? = nil) -> Data {
    let headerBytes = Array(header.utf8)
    var bytes = Data()
    withUnsafeBytes(of: (headerLength ?? UInt64(headerBytes.count)).littleEndian) { bytes.append(contentsOf: $0) }
    return bytes + headerBytes + data
}

/// A header entry for tensor `name`.
func entry(_ name: String, _ dtype: String = "F32", shape: String = "[1]", offsets: String = "[0,4]") -> String {
    "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
}

@Suite struct SafeTensorsCorruptionTests {
    @Test func lengthProblems() {
        #expect(throws: SafeTensorsError.fileTooShort(byteCount: 3)) { try SafeTensorsFile(data: Data([1, 2, 3])) }
        #expect(throws: SafeTensorsError.headerLengthBeyondFile(headerLength: 1000, fileSize: 12)) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{}  ", headerLength: 1000))
        }
        #expect(throws: SafeTensorsError.headerLengthBeyondFile(headerLength: .max, fileSize: 10)) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{}", headerLength: .max))
        }
    }

    @Test func malformedHeaders() {
        for header in ["{\"a\": ", "{\"a\" 1}", "{'a': 1}", "{\"a\":[1,]}", "{\"a\":01}", "{} x", "", "{\"a\":\"\\q\"}"] {
            #expect(throws: SafeTensorsError.self, "header \(header)") { try SafeTensorsFile(data: safetensorsBytes(header: header)) }
            do {
                _ = try SafeTensorsFile(data: safetensorsBytes(header: header))
            } catch let error as SafeTensorsError {
                guard case .malformedHeader = error else { Issue.record("\(header): \(error)"); continue }
            } catch { Issue.record("\(error)") }
        }
        var invalidUTF8 = safetensorsBytes(header: "{\"\"}")
        invalidUTF8[9] = 0xFF
        #expect(throws: SafeTensorsError.malformedHeader(reason: "not valid UTF-8", offset: 0)) {
            try SafeTensorsFile(data: invalidUTF8)
        }
        #expect(throws: SafeTensorsError.headerNotAnObject(found: "an array")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "[]"))
        }
        // Hostile nesting must be rejected, not overflow the stack.
        let deep = "{\"a\":" + String(repeating: "[", count: 100_000) + "}"
        #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(data: safetensorsBytes(header: deep)) }
    }

    @Test func entryProblems() {
        let four = [UInt8](repeating: 0, count: 4)
        #expect(throws: SafeTensorsError.unknownDataType(name: "x", dataType: "F16")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", "F16", offsets: "[0,2]"))}", data: [0, 0]))
        }
        #expect(throws: SafeTensorsError.invalidTensor(name: "x", reason: "missing \"shape\"")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", data: four))
        }
        #expect(throws: SafeTensorsError.invalidTensor(name: "x", reason: "\"shape\" must hold non-negative integers")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", shape: "[-1]"))}", data: four))
        }
        #expect(throws: SafeTensorsError.invalidTensor(name: "x", reason: "\"shape\" must hold non-negative integers")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", shape: "[1.5]"))}", data: four))
        }
        #expect(throws: SafeTensorsError.self) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", offsets: "[0]"))}", data: four))
        }
        #expect(throws: SafeTensorsError.invalidTensor(name: "x", reason: "entry must be an object, found a number")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\"x\":3}", data: four))
        }
        // 2^32 × 2^32 × 16 elements overflow 64 bits.
        #expect(throws: SafeTensorsError.self) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", shape: "[4294967296,4294967296,16]"))}", data: four))
        }
    }

    @Test func sizeAndOffsetProblems() {
        #expect(throws: SafeTensorsError.sizeMismatch(name: "x", dataType: .float32, shape: [3], expectedBytes: 12, actualBytes: 8)) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", shape: "[3]", offsets: "[0,8]"))}", data: .init(repeating: 0, count: 8)))
        }
        #expect(throws: SafeTensorsError.offsetsOutOfBounds(name: "x", begin: 0, end: 16, dataSize: 8)) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", shape: "[4]", offsets: "[0,16]"))}", data: .init(repeating: 0, count: 8)))
        }
        #expect(throws: SafeTensorsError.offsetsOutOfBounds(name: "x", begin: 8, end: 4, dataSize: 8)) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x", offsets: "[8,4]"))}", data: .init(repeating: 0, count: 8)))
        }
        #expect(throws: SafeTensorsError.overlappingTensors("a", "b")) {
            let header = "{\(entry("a", shape: "[2]", offsets: "[0,8]")),\(entry("b", shape: "[2]", offsets: "[4,12]"))}"
            return try SafeTensorsFile(data: safetensorsBytes(header: header, data: .init(repeating: 0, count: 12)))
        }
        #expect(throws: SafeTensorsError.unusedBytes(before: "b", begin: 4, end: 8)) {
            let header = "{\(entry("a")),\(entry("b", offsets: "[8,12]"))}"
            return try SafeTensorsFile(data: safetensorsBytes(header: header, data: .init(repeating: 0, count: 12)))
        }
        #expect(throws: SafeTensorsError.trailingData(byteCount: 4)) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("x"))}", data: .init(repeating: 0, count: 8)))
        }
    }

    @Test func duplicatesAndMetadata() {
        #expect(throws: SafeTensorsError.duplicateName("a")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\(entry("a")),\(entry("a"))}", data: [0, 0, 0, 0]))
        }
        #expect(throws: SafeTensorsError.invalidMetadata(reason: "value of \"k\" must be a string, found a number")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\"__metadata__\":{\"k\":1}}"))
        }
        #expect(throws: SafeTensorsError.invalidMetadata(reason: "key \"k\" appears twice")) {
            try SafeTensorsFile(data: safetensorsBytes(header: "{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"))
        }
        // Unpadded headers, escapes and surrogate pairs are fine, as in Python's library.
        let file = try? SafeTensorsFile(data: safetensorsBytes(header: "{\"__metadata__\":{\"k\":\"\\ud83d\\ude00\\u00e9\"}}"))
        #expect(file?.metadata == ["k": "😀é"])
    }

    @Test func everyTruncationAndByteFlipFailsCleanly() throws {
        let valid = try referenceTensors().serialized()
        for length in 0..<valid.count {
            #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(data: valid.prefix(length)) }
        }
        // Flipping any header byte either still parses to something valid or throws; it never crashes.
        let headerEnd = 8 + Int(valid[0]) + Int(valid[1]) << 8
        var rejected = 0
        for index in 0..<headerEnd {
            for replacement: UInt8 in [0x00, 0x22, 0x5D, 0x7D, 0xFF] where valid[index] != replacement {
                var corrupt = valid
                corrupt[index] = replacement
                if (try? SafeTensorsFile(data: corrupt)) == nil { rejected += 1 }
            }
        }
        #expect(rejected > headerEnd * 3)
    }

    @Test func corruptFileErrorNamesThePath() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let url = directory.file("checkpoint.safetensors")
        try AtomicFile.write(Data([1, 0, 0]), to: url)
        #expect(throws: SafeTensorsFileError(path: url.path, problem: .fileTooShort(byteCount: 3))) {
            try SafeTensorsFile(contentsOf: url)
        }
        let message = SafeTensorsFileError(path: url.path, problem: .fileTooShort(byteCount: 3)).description
        #expect(message.contains(url.path) && message.contains("too short"))
        #expect(throws: FileOperationError.self) { try SafeTensorsFile(contentsOf: directory.file("missing")) }
    }
}
