import FuzzerDriver
import Foundation
import RunArtifacts

/// Fuzzes the checkpoint loader: any bytes either fail with a thrown error or give a trainer state.
func fuzzCheckpoint(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let file = try? SafeTensorsFile(data: inputData(bytes, count)) else { return 0 }
    _ = try? Checkpoint.state(from: file, path: "fuzz.safetensors")
    return 0
}

runFuzzer(fuzzCheckpoint)
