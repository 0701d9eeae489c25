import CFuzzerDriver
import Foundation

/// Runs libFuzzer with the process's arguments over `callback` and exits with its status.
///
/// SwiftPM gives every executable its own `main`, so the fuzz targets call libFuzzer's driver
/// from there instead of linking libFuzzer's `main`.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input bytes as `Data` (libFuzzer passes a null pointer for the empty input).
public func inputData(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    guard let bytes, count > 0 else { return Data() }
    return Data(bytes: bytes, count: count)
}
