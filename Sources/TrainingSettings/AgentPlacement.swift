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
    /// The processes sharing the work (the `mpirun` world size; 1 in one process), recorded in
    /// progress.csv's `time/ranks`.
    public var ranks: Int

    /// A placement from its parts.
    public init(makeVectorEnvironment: @escaping VectorEnvironmentMaker, reduction: any SampleReduction, ranks: Int = 1) {
        self.makeVectorEnvironment = makeVectorEnvironment
        self.reduction = reduction
        self.ranks = ranks
    }

    /// One process: the registry's vector environment and `LocalReduction`.
    public static let local = AgentPlacement(
        makeVectorEnvironment: { id, count, threads, registry in
            try registry.makeVectorEnvironment(id: id, count: count, threads: threads)
        },
        reduction: LocalReduction())
}
