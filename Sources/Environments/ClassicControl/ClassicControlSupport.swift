/// A Python/NumPy scalar with its type, to replay NumPy 2's promotion rules (NEP 50) exactly.
///
/// `MountainCarContinuous-v0` mixes `np.float32`, `np.float64` and Python floats whose types
/// change from step to step (its state is re-stored as float32). Under NEP 50 a Python float is
/// "weak": combined with an `np.float32` it is first rounded to float32 and the operation is done
/// in float32, comparisons included. This type carries the value and its kind and applies those rules.
struct NumPyScalar {
    /// The scalar's type: strong `np.float64`, strong `np.float32`, or a weak Python float.
    enum Kind { case float64, float32, pythonFloat }

    var value: Double
    var kind: Kind

    init(_ value: Double, _ kind: Kind) {
        self.value = value
        self.kind = kind
    }

    /// A weak Python float.
    static func python(_ value: Double) -> NumPyScalar { NumPyScalar(value, .pythonFloat) }

    /// NEP 50's result type of a binary operation.
    @inline(__always)
    static func resultKind(_ left: Kind, _ right: Kind) -> Kind {
        if left == right { return left }
        if left == .pythonFloat { return right }
        if right == .pythonFloat { return left }
        return .float64  // float32 with float64
    }

    @inline(__always)
    static func apply(
        _ left: NumPyScalar, _ right: NumPyScalar,
        single: (Float, Float) -> Float, double: (Double, Double) -> Double
    ) -> NumPyScalar {
        let kind = resultKind(left.kind, right.kind)
        if kind == .float32 {
            return NumPyScalar(Double(single(Float(left.value), Float(right.value))), .float32)
        }
        return NumPyScalar(double(left.value, right.value), kind)
    }

    static func + (left: NumPyScalar, right: NumPyScalar) -> NumPyScalar { apply(left, right, single: +, double: +) }
    static func - (left: NumPyScalar, right: NumPyScalar) -> NumPyScalar { apply(left, right, single: -, double: -) }
    static func * (left: NumPyScalar, right: NumPyScalar) -> NumPyScalar { apply(left, right, single: *, double: *) }

    /// Compares as NumPy does: in float32 when the promoted type is float32.
    @inline(__always)
    static func compare(
        _ left: NumPyScalar, _ right: NumPyScalar, single: (Float, Float) -> Bool, double: (Double, Double) -> Bool
    ) -> Bool {
        resultKind(left.kind, right.kind) == .float32
            ? single(Float(left.value), Float(right.value)) : double(left.value, right.value)
    }

    static func > (left: NumPyScalar, right: NumPyScalar) -> Bool { compare(left, right, single: >, double: >) }
    static func < (left: NumPyScalar, right: NumPyScalar) -> Bool { compare(left, right, single: <, double: <) }
    static func >= (left: NumPyScalar, right: NumPyScalar) -> Bool { compare(left, right, single: >=, double: >=) }
    static func == (left: NumPyScalar, right: NumPyScalar) -> Bool { compare(left, right, single: ==, double: ==) }
}

// MARK: - Snapshot layout

/// The snapshot layout shared by the classic-control environments.
///
/// `reals` holds the physical state; `integers` holds the `EpisodeRandomness` words, then the
/// environment's own flags (has it been reset, and any counters).
enum ClassicControlSnapshot {
    /// Packs the state, the random stream and the flags.
    static func make(state: [Double], randomness: EpisodeRandomness, flags: [UInt64]) -> EnvironmentSnapshot {
        EnvironmentSnapshot(reals: state, integers: randomness.snapshotWords + flags)
    }

    /// Unpacks a snapshot, checking that it has exactly this environment's layout.
    static func decode(
        _ snapshot: EnvironmentSnapshot, environment: String, stateCount: Int, flagCount: Int
    ) throws(EnvironmentError) -> (state: [Double], randomness: EpisodeRandomness, flags: [UInt64]) {
        let wordCount = EpisodeRandomness.snapshotWordCount
        guard snapshot.reals.count == stateCount, snapshot.integers.count == wordCount + flagCount else {
            throw .invalidSnapshot(
                environment: environment,
                reason: "expected \(stateCount) reals and \(wordCount + flagCount) integers, "
                    + "got \(snapshot.reals.count) and \(snapshot.integers.count)")
        }
        guard let randomness = EpisodeRandomness(snapshotWords: snapshot.integers.prefix(wordCount)) else {
            throw .invalidSnapshot(environment: environment, reason: "malformed random-generator words")
        }
        return (snapshot.reals, randomness, Array(snapshot.integers.dropFirst(wordCount)))
    }
}
