import CALEShim
import Testing

@testable import AtariEnvironments

/// INTER_AREA against cv2.resize on the generator's synthetic images (no emulator needed).
@Suite struct AreaResizeTests {
    /// The kernel variants to check: portable always, AVX-512 where the processor has it.
    static var kernelVariants: [ale_shim_kernel_variant] {
        [ALE_SHIM_KERNEL_AUTOMATIC, ALE_SHIM_KERNEL_PORTABLE, ALE_SHIM_KERNEL_AVX512VBMI]
            .filter { ale_shim_kernel_supported($0) != 0 }
    }

    /// Differing pixels and the largest difference between two images.
    static func difference(_ left: [UInt8], _ right: [UInt8]) -> (count: Int, largest: Int) {
        var count = 0
        var largest = 0
        for (a, b) in zip(left, right) where a != b {
            count += 1
            largest = max(largest, abs(Int(a) - Int(b)))
        }
        return (count, largest)
    }

    @Test func grayscaleMatchesOpenCVExactly() {
        let reference = AtariFixture.bytes(AtariFixture.shared.resize.gray)
        let resized = AreaResize(sourceHeight: 210, sourceWidth: 160, height: 84, width: 84)
            .apply(AtariFixture.syntheticImages().gray)
        #expect(reference.count == 84 * 84)
        let difference = Self.difference(resized, reference)
        #expect(difference.count == 0, "\(difference.count) pixels differ, by at most \(difference.largest)")
    }

    @Test func colourMatchesOpenCVExactly() {
        let reference = AtariFixture.bytes(AtariFixture.shared.resize.rgb)
        let resized = AreaResize(sourceHeight: 210, sourceWidth: 160, height: 84, width: 84, channels: 3)
            .apply(AtariFixture.syntheticImages().rgb)
        #expect(reference.count == 84 * 84 * 3)
        let difference = Self.difference(resized, reference)
        #expect(difference.count == 0, "\(difference.count) values differ, by at most \(difference.largest)")
    }

    /// Every kernel variant this processor runs (taps, cached rows, 16 lanes) gives the bits of
    /// OpenCV's term-by-term loop, on random images of several shapes (grey and colour), including
    /// images of only 0 and 255 (saturation).
    @Test(arguments: [(84, 84, 1), (84, 84, 3), (105, 80, 1), (42, 42, 1), (100, 63, 3), (210, 159, 1)])
    func tapsMatchTheTermByTermLoop(height: Int, width: Int, channels: Int) {
        let resize = AreaResize(sourceHeight: 210, sourceWidth: 160, height: height, width: width, channels: channels)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(height * 1000 + width * 10 + channels)
        for image in 0..<4 {
            let source = (0..<(210 * 160 * channels)).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let value = UInt8(truncatingIfNeeded: state >> 56)
                // Image 0 is all 0 or 255 (saturation), the others uniform bytes.
                return image == 0 ? (value < 128 ? 0 : 255) : value
            }
            let reference = resize.applyTermByTerm(source)
            #expect(reference.count == height * width * channels)
            for variant in Self.kernelVariants {
                let fast = resize.apply(source, variant: variant)
                #expect(fast == reference, "image \(image) of \(height)×\(width)×\(channels), variant \(variant.rawValue)")
            }
        }
    }

    /// OpenCV's RGB→gray: every variant gives the scalar formula's bytes, on 100,000 random pixels
    /// and the extremes (a length that leaves a partial vector).
    @Test func opencvGrayVariantsMatchTheFormula() {
        var state: UInt64 = 42
        var rgb = [UInt8](repeating: 0, count: 3 * 100_003)
        for index in rgb.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            rgb[index] = index < 24 ? (index % 2 == 0 ? 255 : 0) : UInt8(truncatingIfNeeded: state >> 56)
        }
        let expected = (0..<100_003).map {
            OpenCVGrayscale.luma(red: rgb[3 * $0], green: rgb[3 * $0 + 1], blue: rgb[3 * $0 + 2])
        }
        for variant in Self.kernelVariants {
            var gray = [UInt8](repeating: 0, count: 100_003)
            rgb.withUnsafeBufferPointer { source in
                gray.withUnsafeMutableBufferPointer { OpenCVGrayscale.convert(source, into: $0, variant: variant) }
            }
            #expect(gray == expected, "variant \(variant.rawValue)")
        }
    }

    /// Each output cell's weights sum to 1 on both axes, so a constant image stays constant.
    @Test func weightsSumToOnePerCell() {
        for (source, size) in [(160, 84), (210, 84), (210, 105)] {
            let terms = AreaResize.terms(sourceSize: source, size: size, channels: 1, scale: Double(source) / Double(size))
            var sums = [Float](repeating: 0, count: size)
            for term in terms { sums[term.destination] += term.weight }
            for sum in sums { #expect(abs(sum - 1) < 1e-5, "weights of one cell sum to \(sum)") }
        }
        let constant = [UInt8](repeating: 200, count: 210 * 160)
        let resized = AreaResize(sourceHeight: 210, sourceWidth: 160, height: 84, width: 84).apply(constant)
        #expect(resized.allSatisfy { $0 == 200 })
    }

    @Test func romNamesFollowPythonTitle() {
        #expect(AtariROMs.gymnasiumName(of: "space_invaders") == "SpaceInvaders")
        #expect(AtariROMs.gymnasiumName(of: "tic_tac_toe_3d") == "TicTacToe3D")
        #expect(AtariROMs.gymnasiumName(of: "up_n_down") == "UpNDown")
        #expect(AtariROMs.gymnasiumName(of: "pitfall2") == "Pitfall2")
    }

    @Test func fixturePinsTheReferenceVersions() {
        let versions = AtariFixture.shared.versions
        #expect(versions["ale_py"] == "0.12.1")
        #expect(versions["gymnasium"] == "1.4.0")
        #expect(versions["numpy"] == "2.4.6")
    }
}
