/// A network that is some output columns of another: what lets a caller run the shared network
/// once for several heads of it.
public protocol NetworkHead {
    /// The network whose columns this head returns.
    var sharedNetwork: any DifferentiableNetwork { get }
    /// Its columns.
    var columns: Range<Int> { get }
}

extension OutputColumns: NetworkHead {
    public var sharedNetwork: any DifferentiableNetwork { base }
}

/// π's distribution parameters and V as columns of one network's outputs.
public struct JointHeads {
    /// The network both heads read, over π's θ (its extra parameters, such as log σ, follow).
    public var network: any DifferentiableNetwork
    /// The columns of π's distribution parameters.
    public var policyColumns: Range<Int>
    /// The column of V.
    public var valueColumn: Int

    /// The heads of `policy` and `critic` when both are columns of one network, else nil.
    public init?(policy: any DifferentiableNetwork, critic: any DifferentiableNetwork) {
        guard let policyHead = policy as? any NetworkHead, let valueHead = critic as? any NetworkHead,
            valueHead.columns.count == 1, !policyHead.columns.contains(valueHead.columns.lowerBound),
            policyHead.sharedNetwork.architecture == valueHead.sharedNetwork.architecture
        else { return nil }
        network = policyHead.sharedNetwork
        policyColumns = policyHead.columns
        valueColumn = valueHead.columns.lowerBound
    }
}
