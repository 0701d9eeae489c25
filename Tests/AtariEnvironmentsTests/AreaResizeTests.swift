import Testing

@testable import AtariEnvironments

/// INTER_AREA against cv2.resize on the generator's synthetic images (no emulator needed).
@Suite struct AreaResizeTests {
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
