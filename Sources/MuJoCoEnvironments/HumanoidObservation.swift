#if MuJoCo
import Environments

/// The observation of Humanoid and HumanoidStandup: `qpos[2...]`, `qvel`, then the com-based
/// inertias `cinert`, velocities `cvel`, actuator forces `qfrc_actuator` and external forces
/// `cfrc_ext` (v4: every body and degree of freedom, 376 wide; v5: without the world body and the
/// free joint's six actuator forces, 348 wide, each part optional).
public struct HumanoidObservation: Sendable {
    /// The version whose layout applies.
    public let version: GymnasiumVersion
    /// Leave the planar position `qpos[0...1]` out.
    public var excludeCurrentPositions = true
    /// Include `cinert` (v5 option; always in v4).
    public var includeInertias = true
    /// Include `cvel` (v5 option; always in v4).
    public var includeVelocities = true
    /// Include `qfrc_actuator` (v5 option; always in v4).
    public var includeActuatorForces = true
    /// Include `cfrc_ext` (v5 option; always in v4).
    public var includeExternalForces = true
    var bodyCount = 0, positionCount = 0, velocityCount = 0

    /// The layout with Gymnasium's defaults for `version`.
    public init(version: GymnasiumVersion) { self.version = version }

    /// v5's `include_*_in_observation` options and, in both versions for Humanoid,
    /// `exclude_current_positions_from_observation`.
    mutating func configure(_ arguments: inout EnvironmentArgumentReader, positionsOption: Bool) throws {
        if positionsOption || version == .v5 {
            try arguments.read("exclude_current_positions_from_observation", into: &excludeCurrentPositions)
        }
        guard version == .v5 else { return }
        try arguments.read("include_cinert_in_observation", into: &includeInertias)
        try arguments.read("include_cvel_in_observation", into: &includeVelocities)
        try arguments.read("include_qfrc_actuator_in_observation", into: &includeActuatorForces)
        try arguments.read("include_cfrc_ext_in_observation", into: &includeExternalForces)
    }

    /// Records the model's sizes.
    mutating func prepare(_ simulation: MuJoCoSimulation) {
        bodyCount = simulation.bodyCount
        positionCount = simulation.positionCount
        velocityCount = simulation.velocityCount
        simulation.savesInertialQuantities = true
    }

    // v5 leaves out the world body and the free joint's six degrees of freedom.
    private var firstBody: Int { version == .v4 ? 0 : 1 }
    private var firstActuatedDegree: Int { version == .v4 ? 0 : 6 }

    /// The observation's width.
    var count: Int {
        let bodies = bodyCount - firstBody
        return positionCount - (excludeCurrentPositions ? 2 : 0) + velocityCount
            + (includeInertias ? 10 * bodies : 0) + (includeVelocities ? 6 * bodies : 0)
            + (includeActuatorForces ? velocityCount - firstActuatedDegree : 0)
            + (includeExternalForces ? 6 * bodies : 0)
    }

    /// Writes the observation of the current state.
    func write(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        var slot = writeStateObservation(simulation, into: &observation, skippedPositions: excludeCurrentPositions ? 2 : 0)
        func append(_ values: UnsafeMutableBufferPointer<Double>, from start: Int) {
            for index in start..<values.count {
                observation[slot] = values[index]
                slot += 1
            }
        }
        if includeInertias { append(simulation.comInertias, from: 10 * firstBody) }
        if includeVelocities { append(simulation.comVelocities, from: 6 * firstBody) }
        if includeActuatorForces { append(simulation.actuatorForces, from: firstActuatedDegree) }
        if includeExternalForces { append(simulation.externalForceValues, from: 6 * firstBody) }
    }
}

/// Humanoid and HumanoidStandup: the same model layout, observation and reset.
public protocol HumanoidTask: MuJoCoTask {
    /// What the observation holds.
    var observation: HumanoidObservation { get set }
    /// Half-width of the uniform reset noise on `qpos` and `qvel`.
    var resetNoiseScale: Double { get }
}

extension HumanoidTask {
    /// The width of `observation`.
    public var observationCount: Int { observation.count }

    /// Records the sizes the observation needs.
    public mutating func prepare(_ simulation: MuJoCoSimulation) throws {
        observation.prepare(simulation)
    }

    /// `qpos0 + U(±resetNoiseScale)`, `U(±resetNoiseScale)` velocities.
    public func resetModel(_ simulation: MuJoCoSimulation, random: inout EpisodeRandomness) throws {
        try setUniformlyPerturbedState(simulation, scale: resetNoiseScale, random: &random)
    }

    /// `qpos[2...]`, `qvel`, `cinert`, `cvel`, `qfrc_actuator`, `cfrc_ext` as `observation` says.
    public func observe(_ simulation: MuJoCoSimulation, into observation: inout [Double]) {
        self.observation.write(simulation, into: &observation)
    }
}

/// `weight · np.sum(np.square(values))` in float64, NumPy's pairwise summation.
func float64QuadraticCost(weight: Double, _ values: [Double]) -> Double {
    weight * numpySum(values.map { $0 * $0 })
}
#endif
