import Foundation
import Testing
@testable import RunArtifacts

#if canImport(Glibc)
import Glibc
#endif

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesLeavingNoTemporaryFiles() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let target = directory.file("checkpoint.safetensors")
        try AtomicFile.write(Data("first".utf8), to: target)
        #expect(try AtomicFile.read(from: target) == Data("first".utf8))
        for round in 0..<20 { try AtomicFile.write("round \(round)", to: target) }
        #expect(try AtomicFile.read(from: target) == Data("round 19".utf8))
        #expect(try directory.entries() == ["checkpoint.safetensors"])
    }

    @Test func failedRenameKeepsTheOldTargetAndRemovesTheTemporaryFile() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        // A non-empty directory cannot be replaced by a file: the rename fails after all bytes
        // were written and synced, the last moment a write can fail.
        let target = directory.file("occupied")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try AtomicFile.write("old", to: target.appendingPathComponent("inside.txt"))
        #expect(throws: FileOperationError.self) { try AtomicFile.write("new", to: target) }
        do {
            try AtomicFile.write("new", to: target)
        } catch let error as FileOperationError {
            #expect(error.operation == .rename)
            #expect(error.destination == target.path)
            #expect(error.description.contains(target.path))
        }
        #expect(try directory.entries() == ["occupied"])
        #expect(try AtomicFile.read(from: target.appendingPathComponent("inside.txt")) == Data("old".utf8))
    }

    @Test func missingDirectoryIsATypedErrorNamingThePath() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let target = directory.url.appendingPathComponent("no-such-folder/file.txt")
        #expect(throws: FileOperationError.self) { try AtomicFile.write("x", to: target) }
        do {
            _ = try AtomicFile.read(from: target)
            Issue.record("reading a missing file succeeded")
        } catch let error as FileOperationError {
            #expect(error == FileOperationError(.open, path: target.path, code: ENOENT))
            #expect(error.description.contains("No such file or directory"))
            #expect(error.description.contains(target.path))
        }
    }

    // Root ignores directory permissions, so this case only means something for other users.
    @Test(.enabled(if: geteuid() != 0)) func readOnlyDirectoryKeepsTheOldContent() throws {
        let directory = try TestDirectory()
        defer {
            chmod(directory.url.path, 0o755)
            directory.remove()
        }
        let target = directory.file("progress.csv")
        try AtomicFile.write("old", to: target)
        chmod(directory.url.path, 0o555)
        #expect(throws: FileOperationError.self) { try AtomicFile.write("new", to: target) }
        #expect(try AtomicFile.read(from: target) == Data("old".utf8))
    }

    @Test func concurrentReadersSeeOnlyWholeVersions() async throws {
        // What a reader sees at any instant is what a kill at that instant leaves: the old or the
        // new file, never a mixture or a prefix.
        let directory = try TestDirectory()
        defer { directory.remove() }
        let target = directory.file("state.bin")
        let versions = [Data(repeating: 0x61, count: 150_000), Data(repeating: 0x62, count: 300_000)]
        try AtomicFile.write(versions[0], to: target)
        let writer = Task.detached {
            for round in 1...40 { try AtomicFile.write(versions[round % 2], to: target) }
        }
        var reads = 0
        while reads < 400 {
            let contents = try AtomicFile.read(from: target)
            #expect(contents == versions[0] || contents == versions[1])
            reads += 1
        }
        try await writer.value
        #expect(try directory.entries() == ["state.bin"])
    }

    @Test func existenceDistinguishesFilesAndDirectories() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        try AtomicFile.write("x", to: directory.file("a"))
        #expect(AtomicFile.existence(of: directory.file("a")) == (true, false))
        #expect(AtomicFile.existence(of: directory.url) == (true, true))
        #expect(AtomicFile.existence(of: directory.file("b")) == (false, false))
    }
}
