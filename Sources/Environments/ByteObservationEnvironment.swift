/// The element type of an observation array (Gymnasium's `Box.dtype`).
public enum ObservationElementType: String, Sendable, Hashable, Codable {
    /// 32-bit floats, the type of `Environment`'s observations.
    case float32
    /// Bytes 0...255, the type of Atari screens and RAM.
    case uint8
}

/// The shape and element type of a box space's elements (Gymnasium's `Box.shape` and `dtype`).
///
/// `Space.box` is flat; this says how its coordinates are laid out, e.g. `(210, 160, 3)` for an
/// RGB screen in row-major height × width × channel order, so images keep their shape in listings
/// and can be passed as bytes without converting to `Float`.
public struct ObservationLayout: Sendable, Hashable, Codable {
    /// The dimensions, outermost first (row-major, as NumPy's C order).
    public var shape: [Int]
    /// The type of each element.
    public var elementType: ObservationElementType

    /// A layout from its shape and element type.
    public init(shape: [Int], elementType: ObservationElementType) {
        self.shape = shape
        self.elementType = elementType
    }

    /// The number of elements: the product of the dimensions.
    public var count: Int { shape.reduce(1, *) }

    /// A `Space.box` of `count` coordinates from `low` to `high` with this layout.
    public func box(low: Float, high: Float) -> Space {
        .box(low: [Float](repeating: low, count: count), high: [Float](repeating: high, count: count))
    }

    /// Gymnasium's text for a box of this layout with scalar bounds: `Box(0, 255, (210, 160, 3), uint8)`.
    public func gymnasiumDescription(low: Float, high: Float) -> String {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        func bound(_ value: Float) -> String {
            elementType == .uint8 ? String(Int(value)) : value.description
        }
        return "Box(\(bound(low)), \(bound(high)), \(shapeText), \(elementType.rawValue))"
    }

    /// The box as one JSON object with scalar bounds, e.g.
    /// `{"type":"Box","shape":[210,160,3],"dtype":"uint8","low":0,"high":255}`.
    public func jsonDescription(low: Float, high: Float) -> String {
        func bound(_ value: Float) -> String { elementType == .uint8 ? String(Int(value)) : value.description }
        return "{\"type\":\"Box\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],"
            + "\"dtype\":\"\(elementType.rawValue)\",\"low\":\(bound(low)),\"high\":\(bound(high))}"
    }
}

/// What one `stepBytes` returns: a byte observation with Gymnasium's reward and episode flags.
public struct ByteStepResult: Sendable, Hashable {
    /// The observation after the step, laid out as `ByteObservationEnvironment.observationLayout`.
    public var observation: [UInt8]
    /// The reward of the transition.
    public var reward: Double
    /// The episode reached a terminal state.
    public var terminated: Bool
    /// The episode was cut short from outside the MDP.
    public var truncated: Bool

    /// A transition from its parts.
    public init(observation: [UInt8], reward: Double, terminated: Bool, truncated: Bool) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// The same transition with the observation converted to `Float` (0...255).
    public var floatResult: StepResult {
        StepResult(
            observation: Self.floats(of: observation), reward: reward, terminated: terminated, truncated: truncated)
    }

    /// `bytes.map(Float.init)`, in a loop over raw buffers that the compiler vectorizes (`map` is
    /// not: ~20 µs for an 84×84×4 stack, as much as the whole preprocessing).
    public static func floats(of bytes: [UInt8]) -> [Float] {
        [Float](unsafeUninitializedCapacity: bytes.count) { floats, initialized in
            bytes.withUnsafeBufferPointer { bytes in
                for index in bytes.indices { floats[index] = Float(bytes[index]) }
            }
            initialized = bytes.count
        }
    }
}

/// An environment whose observations are bytes (Atari screens and RAM): the `Environment` contract
/// with `UInt8` observations, so images are stored and passed without conversion to `Float`.
///
/// Its `Environment.reset`/`step` return the same observations converted to `Float` (values
/// 0...255), so it can be registered and used by code that knows only `Environment`.
public protocol ByteObservationEnvironment: Environment {
    /// The shape and element type (`.uint8`) of the observations.
    var observationLayout: ObservationLayout { get }

    /// Starts a new episode (re-seeded first when `seed` is given) and returns its first observation.
    func resetBytes(seed: UInt64?) throws -> [UInt8]

    /// Applies `action` and returns the transition with a byte observation.
    func stepBytes(_ action: Action) throws -> ByteStepResult
}

/// An environment that reports the lives left in the current game (ALE's `lives()`).
public protocol LivesReporting: AnyObject {
    /// The lives left; 0 for games without lives.
    var lives: Int { get }
}
