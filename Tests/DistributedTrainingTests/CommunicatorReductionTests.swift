import DenseLinearAlgebra
import Testing

@testable import DistributedTraining

@Suite struct CommunicatorReductionTests {
    @Test func bytesRoundTrip() throws {
        var writer = ByteWriter()
        writer.append(-7)
        writer.append(true)
        writer.append(Double.pi)
        writer.append([Float(1.5), -.infinity, .leastNonzeroMagnitude])
        writer.append("rank 2: copy 3")
        var reader = ByteReader(writer.bytes)
        #expect(try reader.int() == -7)
        #expect(try reader.bool())
        #expect(try reader.double() == Double.pi)
        #expect(try reader.floats() == [1.5, -.infinity, .leastNonzeroMagnitude])
        #expect(try reader.string() == "rank 2: copy 3")
        #expect(reader.isAtEnd)
        #expect(throws: DistributedError.malformedMessage) { try reader.int() }
    }

    @Test func allGatherReturnsEveryParticipantsBytesInRankOrder() throws {
        let world = ThreadedWorld(size: 4)
        let results = try world.run { communicator in
            // Several rounds, so a fast participant's next deposit cannot spoil a slow one's read.
            (0..<50).map { round in communicator.allGather([UInt8(communicator.rank), UInt8(round)]) }
        }
        for gathered in results {
            for (round, all) in gathered.enumerated() {
                #expect(all == (0..<4).map { [UInt8($0), UInt8(round)] })
            }
        }
    }

    /// Partials whose float sum depends on the order (values of very different magnitudes).
    static func partials(blocks: Int, width: Int) -> [[Float]] {
        var stream = RandomStream(seed: 7)
        let scales: [Float] = [1e-4, 1e-2, 1, 1e2, 1e4]
        var partials = [[Float]]()
        for _ in 0..<blocks {
            var partial = [Float]()
            for _ in 0..<width {
                let scale = scales[stream.nextInt(below: scales.count)]
                partial.append(Float(stream.nextNormal()) * scale)
            }
            partials.append(partial)
        }
        return partials
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func blockSumsAreTheOneProcessBitsForEveryWorldSize(size: Int) throws {
        for blocks in [1, 3, 7, 12] {
            let partials = Self.partials(blocks: blocks, width: 33)
            let expected = LocalReduction().sum(blocks: partials, count: 33)
            let world = ThreadedWorld(size: size)
            let sums = try world.run { communicator in
                let reduction = CommunicatorReduction(communicator: communicator, minimumBlocksPerRank: 1)
                let owned = reduction.ownedBlocks(of: blocks)
                // Each participant holds only its own blocks' partials, as the batched passes leave them.
                let mine = partials.indices.map { owned.contains($0) ? partials[$0] : [] }
                return reduction.sum(blocks: mine, count: 33)
            }
            for sum in sums { #expect(sum.map(\.bitPattern) == expected.map(\.bitPattern)) }
        }
    }

    /// What a shared forward pass and a critic minibatch exchange: the blocks themselves, and the
    /// partials' sum with each block's outputs riding along.
    struct Gathered: Sendable, Equatable {
        var blocks: [[Float]]
        var sum: [UInt32]
        var extras: [[Float]]
    }

    @Test(arguments: [1, 2, 3, 4])
    func gatheredBlocksAreEveryParticipantsInBlockOrder(size: Int) throws {
        for blocks in [2, 5, 8] {
            let partials = Self.partials(blocks: blocks, width: 33)
            // Outputs of uneven lengths, some empty (a block's rows may have none to send).
            let extras = (0..<blocks).map { block in (0..<(block % 3)).map { Float(100 * block + $0) } }
            let expected = Gathered(
                blocks: extras, sum: LocalReduction().sum(blocks: partials, count: 33).map(\.bitPattern), extras: extras)
            let world = ThreadedWorld(size: size)
            let results = try world.run { communicator in
                let reduction = CommunicatorReduction(communicator: communicator, minimumBlocksPerRank: 1)
                let owned = reduction.ownedBlocks(of: blocks)
                let mine = partials.indices.map { owned.contains($0) ? partials[$0] : [] }
                let myExtras = extras.indices.map { owned.contains($0) ? extras[$0] : [] }
                let reduced = reduction.sum(blocks: mine, count: 33, gathering: myExtras)
                return Gathered(
                    blocks: reduction.gather(blocks: myExtras), sum: reduced.sum.map(\.bitPattern), extras: reduced.extras)
            }
            for (rank, result) in results.enumerated() {
                #expect(result == expected, "\(blocks) blocks, rank \(rank) of \(size)")
            }
        }
    }

    @Test func smallBatchesAreComputedWholeByEveryParticipant() throws {
        let world = ThreadedWorld(size: 3)
        let shares = try world.run { communicator in
            // The default shares every batch with a block per participant; 2 asks for two each.
            let byDefault = CommunicatorReduction(communicator: communicator)
            let twoEach = CommunicatorReduction(communicator: communicator, minimumBlocksPerRank: 2)
            return [2, 3].map { byDefault.ownedBlocks(of: $0) } + [5, 6, 9].map { twoEach.ownedBlocks(of: $0) }
        }
        #expect(shares.map { $0[0] } == [0..<2, 0..<2, 0..<2])  // 2 < 3: not shared
        #expect(shares.map { $0[1] } == [0..<1, 1..<2, 2..<3])
        #expect(shares.map { $0[2] } == [0..<5, 0..<5, 0..<5])  // 5 < 2 × 3: not shared
        #expect(shares.map { $0[3] } == [0..<2, 2..<4, 4..<6])
        #expect(shares.map { $0[4] } == [0..<3, 3..<6, 6..<9])
    }

    @Test func plainAllReduceOrderWouldDiffer() {
        // Why the ordered join matters: adding per-rank subtotals (what an MPI_Allreduce does)
        // is not the sequential sum for these partials.
        let partials = Self.partials(blocks: 12, width: 33)
        let sequential = LocalReduction().sum(blocks: partials, count: 33)
        let subtotals = (0..<3).map { rank in
            LocalReduction().sum(blocks: Array(partials[WorkShare.range(of: 12, parts: 3, part: rank)]), count: 33)
        }
        #expect(LocalReduction().sum(blocks: subtotals, count: 33).map(\.bitPattern) != sequential.map(\.bitPattern))
    }
}
