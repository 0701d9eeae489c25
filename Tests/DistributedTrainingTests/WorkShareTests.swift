import Testing

@testable import DistributedTraining

@Suite struct WorkShareTests {
    @Test func sharesAreContiguousBalancedAndCoverEveryItem() {
        for count in 0...13 {
            for parts in 1...5 {
                let ranges = (0..<parts).map { WorkShare.range(of: count, parts: parts, part: $0) }
                #expect(ranges.flatMap { Array($0) } == Array(0..<count))
                let sizes = ranges.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
                for item in 0..<count {
                    #expect(ranges[WorkShare.owner(of: item, count: count, parts: parts)].contains(item))
                }
            }
        }
    }
}
