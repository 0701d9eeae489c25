internal import CMatrixKernels

/// Floats that hold byte values (an Atari frame given through the `Float` interface) as bytes.
public enum ByteConversion {
    /// Writes each of `source`'s values to `destination` (at least as long) as a byte and returns
    /// whether every value was a whole number 0…255 (−0 counts as 0); when it returns false the
    /// bytes written mean nothing.
    public static func bytes(from source: UnsafeBufferPointer<Float>, into destination: UnsafeMutableBufferPointer<UInt8>)
        -> Bool
    {
        precondition(destination.count >= source.count, "the destination is shorter than the source")
        guard let from = source.baseAddress, let to = destination.baseAddress else { return true }
        return trustregion_floats_to_bytes(from, to, source.count) != 0
    }
}
