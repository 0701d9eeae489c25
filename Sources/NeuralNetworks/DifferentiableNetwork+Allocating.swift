// MARK: - Allocating passes of any network (tests and small batches)

extension DifferentiableNetwork {
    /// (θ̄, x̄) = (Jᵀū, ∂(ū·f)/∂x) for `input` and output cotangents ū, on a fresh workspace.
    public func vectorJacobianProduct(parameters: [Float], input: [Float], rows: Int, outputCotangent: [Float])
        -> (parameterGradient: [Float], inputGradient: [Float])
    {
        precondition(
            parameters.count == parameterCount && input.count == rows * inputWidth
                && outputCotangent.count == rows * outputWidth, "shape mismatch")
        let workspace = makeWorkspace(capacity: rows)
        var parameterGradient = [Float](repeating: 0, count: parameterCount)
        var inputGradient = [Float](repeating: 0, count: rows * inputWidth)
        parameters.withUnsafeBufferPointer { theta in
            input.withUnsafeBufferPointer { x in
                outputCotangent.withUnsafeBufferPointer { u in
                    parameterGradient.withUnsafeMutableBufferPointer { g in
                        inputGradient.withUnsafeMutableBufferPointer { gx in
                            guard let t = theta.baseAddress, let xb = x.baseAddress, let ub = u.baseAddress,
                                let gb = g.baseAddress, let gxb = gx.baseAddress
                            else { return }
                            forward(parameters: t, input: xb, rows: rows, workspace: workspace)
                            pullback(
                                parameters: t, outputCotangent: ub, workspace: workspace, parameterGradient: gb,
                                inputGradient: gxb)
                        }
                    }
                }
            }
        }
        return (parameterGradient, inputGradient)
    }

    /// J θ̇ (rows × outputWidth) for `input`, on a fresh workspace.
    public func jacobianVectorProduct(parameters: [Float], input: [Float], rows: Int, parameterTangent: [Float])
        -> [Float]
    {
        precondition(
            parameters.count == parameterCount && input.count == rows * inputWidth
                && parameterTangent.count == parameterCount, "shape mismatch")
        let workspace = makeWorkspace(capacity: rows)
        return parameters.withUnsafeBufferPointer { theta in
            input.withUnsafeBufferPointer { x in
                parameterTangent.withUnsafeBufferPointer { v in
                    guard let t = theta.baseAddress, let xb = x.baseAddress, let vb = v.baseAddress else { return [] }
                    forward(parameters: t, input: xb, rows: rows, workspace: workspace)
                    return Array(differential(parameters: t, parameterTangent: vb, workspace: workspace))
                }
            }
        }
    }
}
