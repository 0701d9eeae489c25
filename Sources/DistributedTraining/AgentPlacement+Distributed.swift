import TrainingSettings

extension AgentPlacement {
    /// The placement of one participant of `communicator`: its share of the environment copies in
    /// a `DistributedVectorEnvironment` (steps exchanged, so every participant sees all copies) and
    /// a `CommunicatorReduction` (per-block partial sums shared out and joined in block order).
    /// `minimumBlocksPerRank` is `CommunicatorReduction`'s: smaller batches are computed whole everywhere.
    public static func distributed(over communicator: any Communicator, minimumBlocksPerRank: Int = 1) -> AgentPlacement {
        AgentPlacement(
            makeVectorEnvironment: { id, count, threads, registry in
                try DistributedVectorEnvironment(count: count, communicator: communicator) { localCount in
                    try registry.makeVectorEnvironment(id: id, count: localCount, threads: threads)
                }
            },
            reduction: CommunicatorReduction(communicator: communicator, minimumBlocksPerRank: minimumBlocksPerRank),
            ranks: communicator.size)
    }
}
