import FuzzerDriver
import Foundation
import RunArtifacts

/// Fuzzes the policy loader: any bytes either fail with a thrown error or give a policy snapshot.
func fuzzPolicy(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let file = try? SafeTensorsFile(data: inputData(bytes, count)) else { return 0 }
    _ = try? PolicyFile.snapshot(from: file, path: "fuzz.safetensors")
    return 0
}

runFuzzer(fuzzPolicy)
