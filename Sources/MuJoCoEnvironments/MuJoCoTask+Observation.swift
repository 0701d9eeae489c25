#if MuJoCo
import Environments

// MARK: - Pieces the locomotion tasks share

extension MuJoCoTask {
    /// `set_state(qpos0 + U(±scale), U(±scale))`: the reset of Hopper, Walker2d, Swimmer,
    /// InvertedPendulum and Humanoid (qpos drawn first, then qvel).
    func setUniformlyPerturbedState(_ simulation: MuJoCoSimulation, scale: Double, random: inout EpisodeRandomness) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: scale, random: &random)
        let qvel = Self.uniformNoise(around: Self.restVelocities(simulation), scale: scale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }

    /// `set_state(qpos0 + U(±scale), scale · N(0, 1))`: the reset of HalfCheetah, Ant and
    /// InvertedDoublePendulum.
    func setNormallyPerturbedState(_ simulation: MuJoCoSimulation, scale: Double, random: inout EpisodeRandomness) throws {
        let qpos = Self.uniformNoise(around: simulation.initialPositions, scale: scale, random: &random)
        let qvel = Self.normalNoise(around: Self.restVelocities(simulation), scale: scale, random: &random)
        try simulation.setState(positions: qpos, velocities: qvel)
    }
}

/// Writes `qpos[skippedPositions...]` then `qvel` from `slot` on, the velocities clipped to
/// ±`velocityLimit` when given (Hopper, Walker2d) and unclipped otherwise; returns the next slot.
@discardableResult
func writeStateObservation(
    _ simulation: MuJoCoSimulation, into observation: inout [Double], skippedPositions: Int,
    velocityLimit: Double? = nil, from start: Int = 0
) -> Int {
    var slot = start
    for index in skippedPositions..<simulation.positionCount {
        observation[slot] = simulation.position(index)
        slot += 1
    }
    for index in 0..<simulation.velocityCount {
        let value = simulation.velocity(index)
        observation[slot] = velocityLimit.map { clip(value, -$0, $0) } ?? value
        slot += 1
    }
    return slot
}

/// NumPy's `clip`: `min(max(value, low), high)`, passing NaN through.
@inline(__always)
func clip(_ value: Double, _ low: Double, _ high: Double) -> Double {
    value < low ? low : (value > high ? high : value)
}
#endif
