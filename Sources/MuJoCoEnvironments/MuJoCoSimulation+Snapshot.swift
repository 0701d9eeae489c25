#if MuJoCo
internal import CMuJoCo

// MARK: - Saving and restoring the full simulation state

extension MuJoCoSimulation {
    /// MuJoCo's integration state: time, qpos, qvel, act, controls and applied forces, and the
    /// warm-start accelerations, everything `mj_step` reads (`mjSTATE_INTEGRATION`).
    static var integrationSignature: Int32 { Int32(mjSTATE_INTEGRATION.rawValue) }

    /// The number of values `physicsState()` returns.
    public var physicsStateCount: Int {
        Int(mj_stateSize(model, MuJoCoSimulation.integrationSignature)) + derivedStateCount
    }

    // The derived quantities environments read between steps: xpos, site_xpos, qfrc_constraint
    // and cfrc_ext. After a step they hold values from inside the integrator, which a fresh
    // mj_forward would not reproduce, so they are saved as they are.
    // The humanoids also read xipos, cinert, cvel and qfrc_actuator (`savesInertialQuantities`).
    private var derivedArrays: [(pointer: UnsafeMutablePointer<Double>?, count: Int)] {
        let common: [(pointer: UnsafeMutablePointer<Double>?, count: Int)] = [
            (data.pointee.xpos, 3 * bodyCount), (data.pointee.site_xpos, 3 * siteCount),
            (data.pointee.qfrc_constraint, velocityCount), (data.pointee.cfrc_ext, 6 * bodyCount),
        ]
        guard savesInertialQuantities else { return common }
        return common + [
            (data.pointee.xipos, 3 * bodyCount), (data.pointee.cinert, 10 * bodyCount),
            (data.pointee.cvel, 6 * bodyCount), (data.pointee.qfrc_actuator, velocityCount),
        ]
    }

    private var derivedStateCount: Int { derivedArrays.reduce(0) { $0 + $1.count } }

    /// Everything needed to continue the simulation exactly: the integration state followed by
    /// the derived quantities that observations and rewards read before the next step.
    public func physicsState() -> [Double] {
        let integrationCount = Int(mj_stateSize(model, MuJoCoSimulation.integrationSignature))
        var state = [Double](repeating: 0, count: integrationCount)
        state.withUnsafeMutableBufferPointer { values in
            mj_getState(model, data, values.baseAddress, MuJoCoSimulation.integrationSignature)
        }
        for (pointer, count) in derivedArrays {
            state.append(contentsOf: buffer(pointer, count))
        }
        return state
    }

    /// Puts back a state taken by `physicsState()` of a simulation of the same model.
    public func restorePhysicsState(_ state: ArraySlice<Double>) throws {
        guard state.count == physicsStateCount else {
            throw MuJoCoError.invalidState(
                quantity: "physics state of \(modelName)", expected: physicsStateCount, got: state.count)
        }
        let integrationCount = Int(mj_stateSize(model, MuJoCoSimulation.integrationSignature))
        let integration = Array(state.prefix(integrationCount))
        integration.withUnsafeBufferPointer { values in
            mj_setState(model, data, values.baseAddress, MuJoCoSimulation.integrationSignature)
        }
        var offset = state.startIndex + integrationCount
        for (pointer, count) in derivedArrays {
            let target = buffer(pointer, count)
            for index in 0..<count { target[index] = state[offset + index] }
            offset += count
        }
    }
}
#endif
