/// The element types TrustRegion reads and writes, spelled as in the safetensors header.
public enum SafeTensorsDataType: String, CaseIterable, Sendable, CustomStringConvertible {
    /// 8-bit unsigned integer (`U8`).
    case uint8 = "U8"
    /// 32-bit signed integer (`I32`).
    case int32 = "I32"
    /// IEEE 754 single precision (`F32`): network parameters.
    case float32 = "F32"
    /// IEEE 754 double precision (`F64`): normaliser statistics, optimiser moments kept in `Double`.
    case float64 = "F64"
    /// 64-bit signed integer (`I64`): counters such as the iteration.
    case int64 = "I64"
    /// 64-bit unsigned integer (`U64`): random-stream state words.
    case uint64 = "U64"

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .uint8: 1
        case .int32, .float32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// The header spelling, e.g. `F32`.
    public var description: String { rawValue }

    /// The position of this type in the Rust library's `Dtype` enumeration (relative order only).
    ///
    /// Python's safetensors lays tensors out by this order, largest first, then by name; following
    /// it makes our files byte-identical to the ones Python writes for the same tensors.
    var layoutRank: Int {
        switch self {
        case .uint8: 0
        case .int32: 1
        case .float32: 2
        case .float64: 3
        case .int64: 4
        case .uint64: 5
        }
    }
}
