#if MuJoCo
internal import CMuJoCo

// MARK: - Stepping and setting the state, as Gymnasium's MujocoEnv does

extension MuJoCoSimulation {
    /// Returns the simulation to the model's defaults: `qpos0`, zero velocity, time 0
    /// (`mj_resetData`, the first thing Gymnasium's `reset` does).
    public func resetData() {
        mj_resetData(model, data)
    }

    /// Sets `qpos` and `qvel` and recomputes the derived quantities (Gymnasium's `set_state`:
    /// copy, then `mj_forward`).
    public func setState(positions: [Double], velocities: [Double]) throws {
        guard positions.count == positionCount else {
            throw MuJoCoError.invalidState(quantity: "qpos of \(modelName)", expected: positionCount, got: positions.count)
        }
        guard velocities.count == velocityCount else {
            throw MuJoCoError.invalidState(quantity: "qvel of \(modelName)", expected: velocityCount, got: velocities.count)
        }
        let qpos = buffer(data.pointee.qpos, positionCount), qvel = buffer(data.pointee.qvel, velocityCount)
        for index in 0..<positionCount { qpos[index] = positions[index] }
        for index in 0..<velocityCount { qvel[index] = velocities[index] }
        mj_forward(model, data)
    }

    /// Applies `control` (one value per actuator, widened from float32 as NumPy does when it
    /// writes `data.ctrl`) for `frameSkip` physics steps, then computes the constraint-dependent
    /// body forces `cfrc_ext` (Gymnasium's `do_simulation`: `mj_step` × frame skip, then
    /// `mj_rnePostConstraint`). MuJoCo clamps the control to `ctrlrange` itself.
    ///
    /// - Precondition: `control.count == actuatorCount` (environments check actions first).
    public func step(control: [Float]) {
        let ctrl = buffer(data.pointee.ctrl, actuatorCount)
        for index in 0..<actuatorCount { ctrl[index] = Double(control[index]) }
        for _ in 0..<frameSkip { mj_step(model, data) }
        mj_rnePostConstraint(model, data)
    }

    /// Writes the controls `ctrl` without stepping (one value per actuator, widened to float64).
    public func setControl(_ control: [Float]) {
        let ctrl = buffer(data.pointee.ctrl, actuatorCount)
        for index in 0..<min(actuatorCount, control.count) { ctrl[index] = Double(control[index]) }
    }

    /// Applies `control` for one environment step and returns Δqpos[0]/dt, the forward velocity the
    /// locomotion rewards use (Gymnasium's `(x_after − x_before) / dt`).
    public func stepMeasuringForwardVelocity(control: [Float]) -> Double {
        let xBefore = position(0)
        step(control: control)
        return (position(0) - xBefore) / stepDuration
    }

    /// Runs `count` bare `mj_step` calls with the current controls: the physics floor that the
    /// benchmark compares environment steps against.
    public func stepPhysics(count: Int) {
        for _ in 0..<count { mj_step(model, data) }
    }
}
#endif
