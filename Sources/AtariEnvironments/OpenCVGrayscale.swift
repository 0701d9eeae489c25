import CALEShim

/// OpenCV's `cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)` on 8-bit pixels, bit for bit: the fixed-point
/// luma Y = (9798 R + 19235 G + 3735 B + 2¹⁴) >> 15 (BT.601 weights 0.299, 0.587, 0.114 in units
/// of 2⁻¹⁵, as OpenCV 5.0's 8-bit path rounds them; the 14-bit constants of older releases differ
/// on 125 of the 33,600 pixels of the synthetic test image), which SB3's `WarpFrame` uses — not
/// ALE's own grayscale palette, which Gymnasium's `AtariPreprocessing` reads.
public enum OpenCVGrayscale {
    /// The gray value of one RGB pixel.
    @inlinable
    public static func luma(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        UInt8(truncatingIfNeeded: (9798 * Int32(red) + 19235 * Int32(green) + 3735 * Int32(blue) + 16384) >> 15)
    }

    /// Converts `pixels` interleaved RGB pixels of `source` into `destination` (one byte each):
    /// the AVX-512 screen kernel where the processor has it (same bytes), else this loop.
    public static func convert(
        _ source: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutableBufferPointer<UInt8>,
        variant: ale_shim_kernel_variant = ALE_SHIM_KERNEL_AUTOMATIC
    ) {
        let pixels = Swift.min(source.count / 3, destination.count)
        if let rgb = source.baseAddress, let gray = destination.baseAddress,
            ale_shim_opencv_gray(variant, rgb, pixels, gray) != 0
        {
            return
        }
        for pixel in 0..<pixels {
            destination[pixel] = luma(red: source[3 * pixel], green: source[3 * pixel + 1], blue: source[3 * pixel + 2])
        }
    }

    /// The gray image of an interleaved RGB image.
    public static func convert(_ rgb: [UInt8]) -> [UInt8] {
        var gray = [UInt8](repeating: 0, count: rgb.count / 3)
        rgb.withUnsafeBufferPointer { source in gray.withUnsafeMutableBufferPointer { convert(source, into: $0) } }
        return gray
    }
}
