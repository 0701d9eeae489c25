import FuzzerDriver
import PolicyOptimization
import TrainingSettings

/// Fuzzes the parser of the Python literals in zoo files (`policy_kwargs`).
func fuzzPythonLiteral(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    _ = try? PythonLiteral.parse(String(decoding: inputData(bytes, count), as: UTF8.self))
    return 0
}

runFuzzer(fuzzPythonLiteral)
