import Foundation

extension SafeTensorsFile {
    /// The first NaN or infinite element of a floating-point tensor, by tensor name then index.
    ///
    /// Integer tensors (counters, random-generator words) cannot be non-finite; F16/BF16 tensors,
    /// which TrustRegion never writes, are not inspected.
    public func firstNonFiniteElement() -> (tensor: String, index: Int, value: Double)? {
        for name in tensors.keys.sorted() {
            guard let tensor = tensors[name] else { continue }
            switch tensor.dataType {
            case .float32:
                if let (index, value) = (try? tensor.floats())?.enumerated().first(where: { !$0.element.isFinite }) {
                    return (name, index, Double(value))
                }
            case .float64:
                if let (index, value) = (try? tensor.doubles())?.enumerated().first(where: { !$0.element.isFinite }) {
                    return (name, index, value)
                }
            default: continue
            }
        }
        return nil
    }

    /// Throws ``RunIntegrityError/nonFiniteTensor(path:tensor:index:value:)`` naming the first
    /// non-finite element, so that NaN parameters are neither written nor trained from.
    public func requireFinite(path: String) throws {
        if let (tensor, index, value) = firstNonFiniteElement() {
            throw RunIntegrityError.nonFiniteTensor(path: path, tensor: tensor, index: index, value: value)
        }
    }

    /// Throws unless `__metadata__["format"]` is `expected`; an older or newer version of the
    /// same format gets ``RunIntegrityError/unsupportedFormat(path:found:supported:)``, anything
    /// else `nil` (the caller's own "not a … file" message).
    func requireFormat(_ expected: String, path: String) throws -> Bool {
        guard let found = metadata["format"] else { return false }
        if found == expected { return true }
        if FormatVersion.compare(found, expected) != nil {
            throw RunIntegrityError.unsupportedFormat(path: path, found: found, supported: expected)
        }
        return false
    }
}
