import NeuralNetworks

/// A critic V(s) that reads π's θ (one trunk, two heads) and what to fit it to, for a rule that
/// minimises its loss jointly with π's (PPO's −L^CLIP − c·H + c_vf·L^VF, as SB3's).
public struct SharedCriticTarget {
    /// V as a network over π's whole θ (`OutputColumns` of the shared trunk).
    public var network: any DifferentiableNetwork
    /// The λ-returns R̂ᵢ, one per row of the update's batch.
    public var returns: [Double]
    /// PPO's value clipping around the values at collection (one per row of the batch), if any.
    public var clipping: ValueClipping?
    /// c_vf, the weight of the critic's mean squared error in the joint loss (`vf_coef`).
    public var coefficient: Double
    /// π and V as columns of one network, when they are (`NetworkHead`s of one base): a rule can
    /// then run that network once for both losses.
    public var heads: JointHeads?

    /// A target from its parts.
    public init(
        network: any DifferentiableNetwork, returns: [Double], clipping: ValueClipping?, coefficient: Double,
        heads: JointHeads? = nil
    ) {
        self.heads = heads
        self.network = network
        self.returns = returns
        self.clipping = clipping
        self.coefficient = coefficient
    }
}
