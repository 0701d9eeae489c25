#if ALE
import CALEShim
import Foundation

/// One Arcade Learning Environment emulator (`ale::ALEInterface`), through the C shim.
///
/// Owns the C++ object and frees it on deinit. Not thread-safe: one emulator per thread, as
/// every environment. Calls that can fail in C++ throw `AtariError.emulator` with ALE's message.
final class ALEEmulator {
    private let handle: OpaquePointer
    /// Screen height and width in pixels (210 × 160), known after the first `loadROM`.
    private(set) var screenHeight = 0
    private(set) var screenWidth = 0

    /// A new emulator with ALE's logger set to errors only.
    init() throws {
        var message = [CChar](repeating: 0, count: 512)
        guard let handle = ale_shim_create(&message, message.count) else {
            throw AtariError.emulator(text(message))
        }
        self.handle = handle
    }

    deinit { ale_shim_destroy(handle) }

    /// The ALE version this build links.
    static var version: String { String(cString: ale_shim_version()) }

    /// The ROM directory that scripts/install-ale.sh filled for this build.
    static var defaultROMDirectory: String { String(cString: ale_shim_default_rom_directory()) }

    /// Runs a shim call that reports failure as -1 plus a message.
    private func check(_ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
        var message = [CChar](repeating: 0, count: 512)
        let status = message.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return call(base, buffer.count)
        }
        guard status == 0 else {
            throw AtariError.emulator(text(message))
        }
    }

    func setInt(_ key: String, _ value: Int32) throws {
        try check { ale_shim_set_int(handle, key, value, $0, $1) }
    }

    func setFloat(_ key: String, _ value: Float) throws {
        try check { ale_shim_set_float(handle, key, value, $0, $1) }
    }

    func setBool(_ key: String, _ value: Bool) throws {
        try check { ale_shim_set_bool(handle, key, value ? 1 : 0, $0, $1) }
    }

    /// The md5 digest of a file, as ALE computes it (lower-case hex).
    static func md5(ofFile path: String) throws -> String {
        var digest = [CChar](repeating: 0, count: 33)
        var message = [CChar](repeating: 0, count: 512)
        guard ale_shim_md5_file(path, &digest, &message, message.count) == 0 else {
            throw AtariError.emulator(text(message))
        }
        return text(digest)
    }

    /// The md5 digest of bytes (lower-case hex), with ALE's MD5.
    static func md5<Bytes: ContiguousBytes>(of bytes: Bytes) -> String {
        var digest = [CChar](repeating: 0, count: 33)
        bytes.withUnsafeBytes { raw in
            ale_shim_md5_bytes(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &digest)
        }
        return text(digest)
    }

    /// Loads (or reloads) a ROM: settings such as `random_seed` take effect here.
    func loadROM(_ path: String) throws {
        try check { ale_shim_load_rom(handle, path, $0, $1) }
        screenHeight = Int(ale_shim_screen_height(handle))
        screenWidth = Int(ale_shim_screen_width(handle))
    }

    func setMode(_ mode: Int) throws {
        try check { ale_shim_set_mode(handle, Int32(truncatingIfNeeded: mode), $0, $1) }
    }

    func setDifficulty(_ difficulty: Int) throws {
        try check { ale_shim_set_difficulty(handle, Int32(truncatingIfNeeded: difficulty), $0, $1) }
    }

    /// The minimal or the full (18 actions) action set, as ALE action codes.
    func actionSet(minimal: Bool) -> [Int32] {
        var actions = [Int32](repeating: 0, count: 32)
        let count = Int(ale_shim_action_set(handle, minimal ? 1 : 0, &actions, Int32(actions.count)))
        return Array(actions.prefix(min(count, actions.count)))
    }

    /// One emulator frame of the ALE action code; returns its reward.
    @inline(__always)
    func act(_ action: Int32, paddleStrength: Float = 1) -> Int32 { ale_shim_act(handle, action, paddleStrength) }

    func gameOver(withTruncation: Bool) -> Bool { ale_shim_game_over(handle, withTruncation ? 1 : 0) != 0 }
    var gameTruncated: Bool { ale_shim_game_truncated(handle) != 0 }
    func resetGame() { ale_shim_reset_game(handle) }
    var lives: Int { Int(ale_shim_lives(handle)) }
    var frameNumber: Int { Int(ale_shim_frame_number(handle)) }
    var episodeFrameNumber: Int { Int(ale_shim_episode_frame_number(handle)) }
    var ramSize: Int { Int(ale_shim_ram_size(handle)) }

    /// Writes the RGB screen (height × width × 3 bytes) at `output`, with the screen kernel
    /// `variant` (an `ale_shim_kernel_variant`: 0 the best this processor runs, 1 portable).
    @inline(__always)
    func screenRGB(into output: UnsafeMutablePointer<UInt8>, variant: Int32 = 0) {
        ale_shim_screen_rgb(handle, variant, output)
    }

    /// Writes the grayscale screen (height × width bytes) at `output`, with the screen kernel `variant`.
    @inline(__always)
    func screenGrayscale(into output: UnsafeMutablePointer<UInt8>, variant: Int32 = 0) {
        ale_shim_screen_grayscale(handle, variant, output)
    }

    /// The screen through ALE's own `getScreenRGB` or `getScreenGrayscale` (what the kernels must match).
    func referenceScreen(rgb: Bool) -> [UInt8] {
        var screen = [UInt8](repeating: 0, count: screenHeight * screenWidth * (rgb ? 3 : 1))
        screen.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { ale_shim_screen_reference(handle, rgb ? 1 : 0, base) }
        }
        return screen
    }

    /// Writes the 128 bytes of console RAM at `output`.
    func ram(into output: UnsafeMutablePointer<UInt8>) { ale_shim_ram(handle, output) }

    /// Writes the current screen as a PNG file.
    func saveScreenPNG(_ path: String) throws {
        try check { ale_shim_save_png(handle, path, $0, $1) }
    }

    /// ALE's serialized `cloneState(include_rng:)`.
    func cloneState(includeRandomState: Bool) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var message = [CChar](repeating: 0, count: 512)
        while true {
            let length = ale_shim_clone_state(
                handle, includeRandomState ? 1 : 0, &buffer, buffer.count, &message, message.count)
            guard length >= 0 else {
                throw AtariError.emulator(text(message))
            }
            if Int(length) <= buffer.count { return Array(buffer.prefix(Int(length))) }
            buffer = [UInt8](repeating: 0, count: Int(length))
        }
    }

    /// Restores a state serialized by `cloneState`.
    func restoreState(_ state: [UInt8]) throws {
        try state.withUnsafeBufferPointer { bytes in
            try check { ale_shim_restore_state(handle, bytes.baseAddress, bytes.count, $0, $1) }
        }
    }
}

/// The text of a NUL-terminated C buffer.
private func text(_ characters: [CChar]) -> String {
    String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
#endif
