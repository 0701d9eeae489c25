import Foundation
import Testing

@testable import RunArtifacts

@Suite struct TensorBoardLogTests {
    @Test func crc32cMatchesTheStandardCheckValues() {
        // RFC 3720 (iSCSI) check values of CRC-32C.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    }

    @Test func varintsAndFieldsHaveTheWireFormat() {
        #expect(ProtobufMessage.varint(1) == [0x01])
        #expect(ProtobufMessage.varint(300) == [0xAC, 0x02])
        var message = ProtobufMessage()
        message.integer(2, 150)
        message.string(1, "hi")
        #expect(message.bytes == [0x10, 0x96, 0x01, 0x0A, 0x02, 0x68, 0x69])
        #expect(ProtobufMessage.varintField(2, in: message.bytes[...]) == 150)
        #expect(ProtobufMessage.varintField(3, in: message.bytes[...]) == nil)
    }

    @Test func recordsRoundTripAndATornRecordIsDropped() {
        let first = TensorBoardEvent.fileVersion(wallTime: 1)
        let second = TensorBoardEvent.scalars([("a", 1.5), ("b", -2)], step: 64, wallTime: 2)
        let bytes = TensorBoardEvent.record(first) + TensorBoardEvent.record(second)
        #expect(TensorBoardEvent.records(in: bytes).map(Array.init) == [first, second])
        #expect(TensorBoardEvent.records(in: Array(bytes.dropLast(3))).map(Array.init) == [first])
        var corrupted = bytes
        corrupted[corrupted.count - 6] ^= 1
        #expect(TensorBoardEvent.records(in: corrupted).count == 1, "a data CRC mismatch ends the file")
    }

    @Test func resumingKeepsStepsUpToTheCheckpointOnly() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let log = try TensorBoardLog(creatingIn: directory.url, settings: "| setting | value |")
        for step in [100, 200, 300, 400] { try log.append(step: step, columns: ["x", "y"], values: [Double(step), nil]) }
        log.close()
        let resumed = try TensorBoardLog(resumingIn: directory.url, keepingStepsThrough: 200, settings: "unused")
        try resumed.append(step: 300, columns: ["x"], values: [3])
        resumed.close()
        #expect(try TensorBoardLog.eventFiles(in: directory.url) == [resumed.url])
        let records = TensorBoardEvent.records(in: Array(try Data(contentsOf: resumed.url)))
        // The file version (no step), the settings at step 0, then steps 100, 200 and the new 300.
        #expect(records.map { ProtobufMessage.varintField(2, in: $0) } == [nil, 0, 100, 200, 300])
    }
}
