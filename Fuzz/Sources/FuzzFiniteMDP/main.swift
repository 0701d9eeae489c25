import FuzzerDriver
import FiniteMDPs
import Foundation

/// Fuzzes the finite-MDP JSON reader: any bytes either fail with a thrown error or give a valid
/// document whose JSON reads back to the same document.
func fuzzFiniteMDP(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let document = try? FiniteMDPDocument(jsonData: inputData(bytes, count)) else { return 0 }
    guard let reread = try? FiniteMDPDocument(jsonData: document.jsonData()), reread == document else {
        fatalError("a parsed finite MDP does not survive its own JSON")
    }
    return 0
}

runFuzzer(fuzzFiniteMDP)
