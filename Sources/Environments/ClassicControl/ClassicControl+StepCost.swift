/// The classic-control tasks are a few dozen floating-point operations per step: about 1 µs with
/// the vector environment's checks (0.1 s of CPU for TRPO CartPole's 100k steps), far less than
/// handing copies to another thread costs, so their copies are stepped inline.
enum ClassicControlStepCost {
    /// Nanoseconds of one checked step of CartPole, MountainCar or Pendulum.
    static let simple: Double = 1_000
    /// Acrobot integrates with four RK4 stages per step.
    static let rungeKutta: Double = 3_000
}

extension CartPole {
    public var typicalStepNanoseconds: Double { ClassicControlStepCost.simple }
}

extension MountainCar {
    public var typicalStepNanoseconds: Double { ClassicControlStepCost.simple }
}

extension MountainCarContinuous {
    public var typicalStepNanoseconds: Double { ClassicControlStepCost.simple }
}

extension Pendulum {
    public var typicalStepNanoseconds: Double { ClassicControlStepCost.simple }
}

extension Acrobot {
    public var typicalStepNanoseconds: Double { ClassicControlStepCost.rungeKutta }
}
