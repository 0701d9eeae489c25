#if MuJoCo

// Gymnasium computes control costs on the float32 action array, so under NumPy ≥ 2 (NEP 50) the
// cost is a float32 number: `weight * np.sum(np.square(action))` squares, sums and scales in
// float32. These helpers repeat that arithmetic and NumPy's summation order, so rewards agree
// with Gymnasium's to the last bit rather than to float32 rounding (about 1e-7 of the cost).

/// NumPy's pairwise summation (`pairwise_sum` in its reduction loops): below 8 values a plain
/// running sum; up to 128, eight interleaved partial sums combined as a tree, then the tail.
@inlinable
func numpySum<Value: FloatingPoint>(_ values: [Value]) -> Value {
    let count = values.count
    if count < 8 {
        var sum: Value = 0
        for value in values { sum += value }
        return sum
    }
    if count <= 128 {
        var partial = Array(values[0..<8])
        var index = 8
        while index + 8 <= count {
            for lane in 0..<8 { partial[lane] += values[index + lane] }
            index += 8
        }
        var sum = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
            + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
        while index < count {
            sum += values[index]
            index += 1
        }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return numpySum(Array(values[0..<half])) + numpySum(Array(values[half...]))
}

/// `np.sum(np.square(action))` for a float32 action: squared and summed in float32.
@inlinable
func float32SumOfSquares(_ action: [Float]) -> Float {
    numpySum(action.map { $0 * $0 })
}

/// `weight * np.sum(np.square(action))` as NumPy 2 evaluates it: the Python float weight is
/// cast to float32 and the product rounded to float32; the caller then widens it to float64.
@inlinable
func float32ControlCost(weight: Double, action: [Float]) -> Double {
    Double(Float(weight) * float32SumOfSquares(action))
}
#endif
