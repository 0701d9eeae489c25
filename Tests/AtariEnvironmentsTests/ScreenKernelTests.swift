#if ALE
import CALEShim
import DenseLinearAlgebra
import Environments
import Testing

@testable import AtariEnvironments

/// The screen kernels (palette lookups, CALEShim/ScreenKernels.cpp) give ALE's own
/// `getScreenRGB` and `getScreenGrayscale` bytes exactly, in every variant this processor runs.
@Suite struct ScreenKernelTests {
    static var variants: [ale_shim_kernel_variant] { AreaResizeTests.kernelVariants }

    /// Over 100 steps (400 frames) of random play in games of different colours and screens,
    /// every variant's RGB and gray screens equal ALE's, byte for byte.
    @Test(arguments: ["pong", "seaquest", "space_invaders", "breakout"])
    func kernelsMatchALEsPaletteLookup(game: String) throws {
        let environment = try AtariEnvironment(.v5(game: game))
        _ = try environment.resetBytes(seed: 11)
        let emulator = environment.emulator
        var random = RandomStream(seed: 5)
        var rgb = [UInt8](repeating: 0, count: 210 * 160 * 3)
        var gray = [UInt8](repeating: 0, count: 210 * 160)
        var checkedFrames = 0
        for _ in 0..<100 {
            let result = try environment.stepBytes(environment.actionSpace.sample(using: &random))
            if result.terminated || result.truncated { _ = try environment.resetBytes(seed: nil) }
            let referenceRGB = emulator.referenceScreen(rgb: true)
            let referenceGray = emulator.referenceScreen(rgb: false)
            #expect(Set(referenceRGB).count > 1, "a blank screen would prove little")
            for variant in Self.variants {
                rgb.withUnsafeMutableBufferPointer { emulator.screenRGB(into: $0.baseAddress!, variant: Int32(variant.rawValue)) }
                gray.withUnsafeMutableBufferPointer {
                    emulator.screenGrayscale(into: $0.baseAddress!, variant: Int32(variant.rawValue))
                }
                #expect(rgb == referenceRGB, "RGB, variant \(variant.rawValue)")
                #expect(gray == referenceGray, "gray, variant \(variant.rawValue)")
            }
            checkedFrames += 1
        }
        #expect(checkedFrames == 100)
    }

    /// Every table entry reaches the output where it belongs, including odd indices and lengths
    /// that leave a partial vector: the kernels against a plain loop over the same tables.
    @Test func kernelsMatchAPlainLookupOnEveryIndex() {
        var palette = ale_shim_palette()
        withUnsafeMutableBytes(of: &palette) { bytes in
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 37 &+ 11) }
        }
        let count = 64 * 5 + 13
        let indices = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) }
        let (red, green, blue, gray) = withUnsafeBytes(of: palette) { bytes in
            (Array(bytes[0..<256]), Array(bytes[256..<512]), Array(bytes[512..<768]), Array(bytes[768..<1024]))
        }
        let expectedRGB = indices.flatMap { [red[Int($0)], green[Int($0)], blue[Int($0)]] }
        let expectedGray = indices.map { gray[Int($0)] }
        for variant in Self.variants {
            var rgb = [UInt8](repeating: 0, count: 3 * count)
            var grayOutput = [UInt8](repeating: 0, count: count)
            ale_shim_palette_rgb(variant, &palette, indices, count, &rgb)
            ale_shim_palette_gray(variant, &palette, indices, count, &grayOutput)
            #expect(rgb == expectedRGB, "variant \(variant.rawValue)")
            #expect(grayOutput == expectedGray, "variant \(variant.rawValue)")
        }
    }
}
#endif
