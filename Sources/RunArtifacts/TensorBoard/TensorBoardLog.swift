import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A run's TensorBoard events file, `events.out.tfevents.<time>.<host>.<pid>`, beside progress.csv:
/// every progress column as a scalar at step `time/total_timesteps`, and the run's settings as a
/// text summary (`tensorboard --logdir runs` shows them; SB3 and CleanRL users expect it).
///
/// Each iteration's event is one `write` (as progress.csv's rows), so it is visible at once and a
/// kill loses at most that event. Resuming keeps the events up to the checkpoint's step and drops
/// later ones, so a resumed run has no step twice.
public final class TensorBoardLog {
    /// The events file.
    public let url: URL
    private var descriptor: Int32

    /// Starts a new events file in `directory` with the file-version record and `settings` (Markdown).
    public convenience init(creatingIn directory: URL, settings: String) throws {
        let now = Date().timeIntervalSince1970
        let url = directory.appendingPathComponent(Self.fileName(wallTime: now))
        var bytes = TensorBoardEvent.record(TensorBoardEvent.fileVersion(wallTime: now))
        bytes += TensorBoardEvent.record(TensorBoardEvent.text(settings, tag: "hyperparameters", step: 0, wallTime: now))
        try AtomicFile.write(Data(bytes), to: url)
        try self.init(appendingTo: url)
    }

    /// Reopens the run's events file keeping only events up to `step` (records without a step, the
    /// file version and the settings, are kept); starts one if the run has none.
    public convenience init(resumingIn directory: URL, keepingStepsThrough step: Int, settings: String) throws {
        let existing = try Self.eventFiles(in: directory)
        guard let first = existing.first else {
            try self.init(creatingIn: directory, settings: settings)
            return
        }
        var kept: [UInt8] = []
        for url in existing {
            for record in TensorBoardEvent.records(in: Array(try AtomicFile.read(from: url)))
            where (ProtobufMessage.varintField(2, in: record).map { Int64(bitPattern: $0) } ?? 0) <= Int64(step) {
                // One file-version record, at the start.
                if url != first && ProtobufMessage.varintField(2, in: record) == nil { continue }
                kept += TensorBoardEvent.record(Array(record))
            }
        }
        try AtomicFile.write(Data(kept), to: first)
        for url in existing.dropFirst() { try? FileManager.default.removeItem(at: url) }
        try self.init(appendingTo: first)
    }

    private init(appendingTo url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOperationError(.open, path: url.path, code: errno) }
        self.url = url
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Closes the file; closing twice is harmless.
    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Appends one event with a scalar per column at `step` (empty cells are left out).
    public func append(step: Int, columns: [String], values: [Double?]) throws {
        guard descriptor >= 0 else { throw FileOperationError(.write, path: url.path, code: EBADF) }
        let scalars = zip(columns, values).compactMap { column, value in value.map { (tag: column, value: $0) } }
        let event = TensorBoardEvent.scalars(scalars, step: Int64(step), wallTime: Date().timeIntervalSince1970)
        try AtomicFile.writeAll(Data(TensorBoardEvent.record(event)), to: descriptor, path: url.path)
    }

    /// The events files in `directory`, oldest name first.
    public static func eventFiles(in directory: URL) throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix("events.out.tfevents.") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// TensorFlow's name: `events.out.tfevents.<seconds>.<host>.<pid>.0`.
    static func fileName(wallTime: Double) -> String {
        let host = ProcessInfo.processInfo.hostName.isEmpty ? "localhost" : ProcessInfo.processInfo.hostName
        return "events.out.tfevents.\(Int(wallTime)).\(host).\(getpid()).0"
    }

    /// A run's settings as a two-column Markdown table, from its config.json object.
    public static func settingsTable(json: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            return String(decoding: json, as: UTF8.self)
        }
        let rows = object.keys.sorted().map { key -> String in
            let value = object[key].map { "\($0)" } ?? ""
            return "| \(key) | \(value.replacingOccurrences(of: "|", with: "\\|")) |"
        }
        return (["| setting | value |", "|---|---|"] + rows).joined(separator: "\n")
    }
}
