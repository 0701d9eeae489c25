import DenseLinearAlgebra
import Environments

/// Where an agent's work runs: the vector environment its copies are stepped in, and the
/// reduction its sums over samples go through. `.local` is one process; a distributed run
/// (`trpo train` under `mpirun`) places the copies on the ranks and reduces across them.
public struct AgentPlacement: Sendable {
    /// Makes the `count` copies of `id` (stepped with `threads` threads) the agent trains on.
    public typealias VectorEnvironmentMaker =
        @Sendable (_ id: String, _ count: Int, _ threads: Int, _ registry: EnvironmentRegistry) throws
            -> any VectorEnvironmentProtocol

    /// Makes the vector environment.
    public var makeVectorEnvironment: VectorEnvironmentMaker
    /// Where sums over samples are combined.
    public var reduction: any SampleReduction

    /// A placement from its parts.
    public init(makeVectorEnvironment: @escaping VectorEnvironmentMaker, reduction: any SampleReduction) {
        self.makeVectorEnvironment = makeVectorEnvironment
        self.reduction = reduction
    }

    /// One process: the registry's vector environment and `LocalReduction`.
    public static let local = AgentPlacement(
        makeVectorEnvironment: { id, count, threads, registry in
            try registry.makeVectorEnvironment(id: id, count: count, threads: threads)
        },
        reduction: LocalReduction())
}
