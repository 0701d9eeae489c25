import Environments
import Foundation

// MARK: - Checkpoints

extension BridgedVectorEnvironment: SnapshottingVectorEnvironment {
    /// The copies' Python state (each group's environments pickled with cloudpickle, packed into
    /// `integers` with the byte count in `reals`) and the running episode statistics.
    ///
    /// An environment that does not pickle (an open file, a simulator handle) still lets the run
    /// write its checkpoints: that group's entry is left empty, and only resuming it is refused.
    public func vectorSnapshot() throws -> VectorEnvironmentSnapshot {
        guard episodes.completed.isEmpty else {
            throw EnvironmentError.invalidConfiguration(
                "gym:\(target): take the completed episodes before a snapshot (they are not part of it)")
        }
        var copies: [EnvironmentSnapshot] = []
        for group in groups {
            let bytes = (try? group.worker.request(UInt8(ascii: "P"), operation: "pickle")) ?? []
            var words = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
            words.withUnsafeMutableBytes { raw in raw.copyBytes(from: bytes) }
            copies.append(EnvironmentSnapshot(reals: [Double(bytes.count)], integers: words.map(\.littleEndian)))
        }
        return VectorEnvironmentSnapshot(copies: copies, runningReturns: episodes.runningReturns, runningLengths: episodes.runningLengths)
    }

    /// Unpickles each group's environments in its worker and restores the episode statistics.
    public func restore(_ snapshot: VectorEnvironmentSnapshot) throws {
        guard snapshot.copies.count == groups.count, snapshot.runningReturns.count == count,
            snapshot.runningLengths.count == count
        else {
            throw BridgeError.notResumable(
                target: target,
                reason: "it holds \(snapshot.copies.count) worker groups of \(snapshot.runningReturns.count) copies; "
                    + "this run has \(groups.count) of \(count) (resume with the same --threads)")
        }
        for (group, saved) in zip(groups, snapshot.copies) {
            guard let size = saved.reals.first.map(Int.init), size > 0, size <= saved.integers.count * 8 else {
                throw BridgeError.notResumable(target: target, reason: "its Python environments could not be pickled")
            }
            let words = saved.integers.map { UInt64(littleEndian: $0) }
            let bytes = words.withUnsafeBytes { Array($0.prefix(size)) }
            _ = try group.worker.request(UInt8(ascii: "U"), bytes, operation: "unpickle")
        }
        episodes.restore(runningReturns: snapshot.runningReturns, runningLengths: snapshot.runningLengths)
        isReset = true
    }
}

// MARK: - The worker script

extension BridgedVectorEnvironment {
    /// The bundle SwiftPM builds beside the executable for this module's resources.
    static let resourceBundleName = "TrustRegion_GymnasiumBridge.resources"

    /// The path of `trpo_gymnasium_worker.py`, shipped as this module's resource.
    ///
    /// Looked up beside the running executable (symbolic links resolved) rather than through
    /// `Bundle.module`, which stops the process when the bundle is missing instead of throwing.
    static func scriptPath() throws -> String {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL {
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        let candidates = directories.map {
            $0.appendingPathComponent(resourceBundleName).appendingPathComponent("trpo_gymnasium_worker.py").path
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw BridgeError.scriptMissing(searched: candidates)
        }
        return found
    }
}
