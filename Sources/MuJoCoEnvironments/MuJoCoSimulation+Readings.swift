#if MuJoCo
internal import CMuJoCo

// MARK: - Reading the state and the derived quantities

/// A view of `count` values of an mjData array (bounds-checked in debug builds; MuJoCo allocates
/// every array of a non-empty quantity, so `pointer` is non-nil whenever `count > 0`).
@inline(__always)
func buffer(_ pointer: UnsafeMutablePointer<Double>?, _ count: Int) -> UnsafeMutableBufferPointer<Double> {
    UnsafeMutableBufferPointer(start: count > 0 ? pointer : nil, count: count)
}

extension MuJoCoSimulation {
    /// A copy of the generalized coordinates `qpos`.
    public var positions: [Double] { Array(buffer(data.pointee.qpos, positionCount)) }

    /// A copy of the generalized velocities `qvel`.
    public var velocities: [Double] { Array(buffer(data.pointee.qvel, velocityCount)) }

    /// `qpos[index]`.
    public func position(_ index: Int) -> Double {
        buffer(data.pointee.qpos, positionCount)[index]
    }

    /// `qvel[index]`.
    public func velocity(_ index: Int) -> Double {
        buffer(data.pointee.qvel, velocityCount)[index]
    }

    /// The number of bodies, the world body included (`nbody`).
    public var bodyCount: Int { Int(model.pointee.nbody) }

    /// The number of sites (`nsite`).
    public var siteCount: Int { Int(model.pointee.nsite) }

    /// The Cartesian position of a body's frame, `xpos[body]` (Gymnasium's `get_body_com`).
    ///
    /// As in Gymnasium, this is the value MuJoCo last computed: after a step, that of the last
    /// internal evaluation of the integrator, not a fresh forward pass at the new `qpos`.
    public func bodyPosition(_ body: Int) -> SIMD3<Double> {
        let xpos = buffer(data.pointee.xpos, 3 * bodyCount)
        return SIMD3(xpos[3 * body], xpos[3 * body + 1], xpos[3 * body + 2])
    }

    /// The Cartesian position of a site, `site_xpos[site]` (same timing as `bodyPosition`).
    public func sitePosition(_ site: Int) -> SIMD3<Double> {
        let xpos = buffer(data.pointee.site_xpos, 3 * siteCount)
        return SIMD3(xpos[3 * site], xpos[3 * site + 1], xpos[3 * site + 2])
    }

    /// `qfrc_constraint[index]`: the generalized constraint force on one degree of freedom.
    public func constraintForce(_ index: Int) -> Double {
        buffer(data.pointee.qfrc_constraint, velocityCount)[index]
    }

    /// `cfrc_ext`, flattened: the com-based external force (torque, force) on every body,
    /// `bodyCount × 6` values, as computed by `mj_rnePostConstraint` after the last step.
    public var externalForces: [Double] {
        Array(buffer(data.pointee.cfrc_ext, 6 * bodyCount))
    }
}
#endif
