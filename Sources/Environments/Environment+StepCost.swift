/// The step-cost hint's defaults: unknown environments count as simulators, wrappers as what they wrap.
extension Environment {
    /// 50 µs, a physics simulator's or an emulator's step (MuJoCo with its frame skip, the ALE):
    /// an environment that does not say is assumed worth a thread, as every environment was
    /// before the hint existed.
    public var typicalStepNanoseconds: Double { 50_000 }
}

extension EnvironmentWrapper {
    /// The wrapped environment's: a wrapper's own bookkeeping (a step count, a clip) is noise beside it.
    public var typicalStepNanoseconds: Double { wrapped.typicalStepNanoseconds }
}
