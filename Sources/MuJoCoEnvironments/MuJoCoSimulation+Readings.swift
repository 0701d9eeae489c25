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

    /// `cinert`, flattened: each body's com-based inertia (10 values per body), from the last
    /// `mj_forward` or integrator evaluation, as `bodyPosition`.
    public var comInertias: UnsafeMutableBufferPointer<Double> { buffer(data.pointee.cinert, 10 * bodyCount) }

    /// `cvel`, flattened: each body's com-based velocity (rotation, translation; 6 per body).
    public var comVelocities: UnsafeMutableBufferPointer<Double> { buffer(data.pointee.cvel, 6 * bodyCount) }

    /// `qfrc_actuator`: the generalized actuator force on each degree of freedom.
    public var actuatorForces: UnsafeMutableBufferPointer<Double> { buffer(data.pointee.qfrc_actuator, velocityCount) }

    /// `cfrc_ext`, flattened, without copying (see `externalForces`).
    public var externalForceValues: UnsafeMutableBufferPointer<Double> { buffer(data.pointee.cfrc_ext, 6 * bodyCount) }

    /// `ctrl`: the controls as last written (not clamped; MuJoCo clamps when it applies them).
    public var controls: [Double] { Array(buffer(data.pointee.ctrl, actuatorCount)) }

    /// The physics time step `opt.timestep` in seconds.
    public var timestep: Double { model.pointee.opt.timestep }

    /// Gymnasium's `mass_center(model, data)[0:2]`: Σ mᵦ · xiposᵦ / Σ mᵦ over all bodies, x and y.
    public func massCenter() -> (x: Double, y: Double) {
        let mass = UnsafeBufferPointer(start: model.pointee.body_mass, count: bodyCount)
        let xipos = buffer(data.pointee.xipos, 3 * bodyCount)
        var x = 0.0, y = 0.0
        for body in 0..<bodyCount {
            x += mass[body] * xipos[3 * body]
            y += mass[body] * xipos[3 * body + 1]
        }
        let total = numpySum(Array(mass))
        return (x / total, y / total)
    }
}
#endif
