import Environments

// MARK: - Stepping

extension BridgedVectorEnvironment {
    /// Steps every copy with its action; copies whose episode ended are reset in the same step.
    ///
    /// The actions are validated against the action space first (a typed error, nothing sent);
    /// observations and rewards are checked to be finite after.
    public func step(_ actions: [Action]) throws -> VectorStepResult {
        guard actions.count == count else {
            throw EnvironmentError.vectorActionCountMismatch(expected: count, actual: actions.count)
        }
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: "gym:\(target)") }
        for action in actions { try actionSpace.validate(action) }
        for group in groups {
            try group.worker.send(UInt8(ascii: "S"), Self.encode(actions[group.first..<(group.first + group.count)]))
        }
        let width = observationSpace.dimension
        var observations = [Float]()
        observations.reserveCapacity(count * width)
        var rewards = [Double](), terminated = [Bool](), truncated = [Bool]()
        var finalObservations = [[Float]?]()
        for group in groups {
            var reader = ReplyReader(try group.worker.receive(operation: "step"), target: target)
            observations += try reader.floats(group.count * width)
            rewards += try reader.doubles(group.count)
            let groupTerminated = try reader.flags(group.count)
            let groupTruncated = try reader.flags(group.count)
            terminated += groupTerminated
            truncated += groupTruncated
            for copy in 0..<group.count {
                let ended = groupTerminated[copy] || groupTruncated[copy]
                finalObservations.append(ended ? try reader.floats(width) : nil)
            }
            try reader.finish()
        }
        // A non-finite number names the copy and its episode step, as built-in vector environments do.
        for index in 0..<count {
            do {
                try Self.checkFinite(Array(observations[(index * width)..<((index + 1) * width)]), target: target)
                guard rewards[index].isFinite else {
                    throw EnvironmentError.nonFiniteReward(environment: "gym:\(target)", reward: rewards[index])
                }
                if let final = finalObservations[index] { try Self.checkFinite(final, target: target) }
            } catch {
                throw CopyStepError(
                    environment: "gym:\(target)", copy: index, episodeStep: episodes.runningLengths[index] + 1, underlying: error)
            }
        }
        for (index, reward) in rewards.enumerated() {
            episodes.record(copy: index, reward: reward, ended: terminated[index] || truncated[index])
        }
        return VectorStepResult(
            observations: observations, observationDimension: width, rewards: rewards, terminated: terminated,
            truncated: truncated, finalObservations: finalObservations)
    }

    /// The actions as the worker reads them: int64 choices, or float32 coordinates, row-major.
    static func encode(_ actions: ArraySlice<Action>) -> [UInt8] {
        var bytes = [UInt8]()
        for action in actions {
            switch action {
            case .discrete(let choice):
                withUnsafeBytes(of: Int64(choice).littleEndian) { bytes += $0 }
            case .multiDiscrete(let choices), .multiBinary(let choices):
                for choice in choices { withUnsafeBytes(of: Int64(choice).littleEndian) { bytes += $0 } }
            case .continuous(let values):
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            }
        }
        return bytes
    }
}

/// Reads little-endian arrays off a reply, checking that it is exactly as long as expected.
struct ReplyReader {
    private let bytes: [UInt8]
    private var offset = 0
    private let target: String

    init(_ bytes: [UInt8], target: String) {
        self.bytes = bytes
        self.target = target
    }

    private mutating func take(_ size: Int) throws -> ArraySlice<UInt8> {
        guard offset + size <= bytes.count else {
            throw BridgeError.protocolViolation(target: target, reason: "reply of \(bytes.count) bytes is too short")
        }
        defer { offset += size }
        return bytes[offset..<(offset + size)]
    }

    private mutating func words<Word: FixedWidthInteger>(_ count: Int, of _: Word.Type) throws -> [Word] {
        let slice = try take(count * MemoryLayout<Word>.size)
        return slice.withUnsafeBytes { raw in
            (0..<count).map { Word(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<Word>.size, as: Word.self)) }
        }
    }

    mutating func floats(_ count: Int) throws -> [Float] { try words(count, of: UInt32.self).map(Float.init(bitPattern:)) }
    mutating func doubles(_ count: Int) throws -> [Double] { try words(count, of: UInt64.self).map(Double.init(bitPattern:)) }
    mutating func flags(_ count: Int) throws -> [Bool] { try take(count).map { $0 != 0 } }

    /// Throws unless the whole reply was read.
    func finish() throws {
        guard offset == bytes.count else {
            throw BridgeError.protocolViolation(target: target, reason: "reply has \(bytes.count - offset) bytes too many")
        }
    }
}
