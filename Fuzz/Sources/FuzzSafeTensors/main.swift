import FuzzerDriver
import Foundation
import RunArtifacts

/// Fuzzes the safetensors reader: any bytes either fail with a thrown error or parse into a file
/// whose every tensor can be read in its own type and whose serialization parses back to the same file.
func fuzzSafeTensors(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let file = try? SafeTensorsFile(data: inputData(bytes, count)) else { return 0 }
    for tensor in file.tensors.values {
        _ = try? tensor.floats()
        _ = try? tensor.doubles()
        _ = try? tensor.int64s()
        _ = try? tensor.uint64s()
        _ = try? tensor.uint8s()
    }
    // Round trip: what we write from what we read must read back identically.
    guard let written = try? file.serialized(), let reread = try? SafeTensorsFile(data: written),
        reread.metadata == file.metadata, reread.tensors == file.tensors
    else { fatalError("a parsed safetensors file does not survive serialization") }
    return 0
}

runFuzzer(fuzzSafeTensors)
