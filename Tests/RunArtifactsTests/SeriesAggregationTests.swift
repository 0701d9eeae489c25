import Testing
@testable import RunArtifacts

@Suite struct SeriesAggregationTests {
    @Test func sharedGridGivesMeanAndPopulationStandardDeviation() {
        let runs = [
            [ChartPoint(x: 0, y: 1), ChartPoint(x: 10, y: 2)],
            [ChartPoint(x: 0, y: 3), ChartPoint(x: 10, y: 6)],
        ]
        let aggregate = SeriesAggregation.meanAndStandardDeviation(of: runs)
        #expect(aggregate == [ChartPoint(x: 0, y: 2, spread: 1), ChartPoint(x: 10, y: 4, spread: 2)])
    }

    @Test func differentGridsAreInterpolatedOverTheCommonRange() throws {
        let runs = [
            (0...10).map { ChartPoint(x: Double($0) * 10, y: Double($0) * 10) },  // y = x on 0...100
            (0...4).map { ChartPoint(x: 5 + Double($0) * 20, y: 5 + Double($0) * 20 + 4) },  // y = x + 4 on 5...85
        ]
        let aggregate = SeriesAggregation.meanAndStandardDeviation(of: runs, gridPointCount: 9)
        #expect(aggregate.count == 9)
        #expect(aggregate.first?.x == 5 && aggregate.last?.x == 85)
        for point in aggregate {
            #expect(abs(point.y - (point.x + 2)) < 1e-12)
            #expect(abs((point.spread ?? -1) - 2) < 1e-12)
        }
    }

    @Test func dropsNaNAndHandlesDegenerateInput() {
        #expect(SeriesAggregation.meanAndStandardDeviation(of: []).isEmpty)
        #expect(SeriesAggregation.meanAndStandardDeviation(of: [[ChartPoint(x: 1, y: .nan)]]).isEmpty)
        let disjoint = [[ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 1)], [ChartPoint(x: 2, y: 1), ChartPoint(x: 3, y: 1)]]
        #expect(SeriesAggregation.meanAndStandardDeviation(of: disjoint).isEmpty)
        let withNaN = [[ChartPoint(x: 0, y: .nan), ChartPoint(x: 1, y: 4), ChartPoint(x: 2, y: 6)]]
        #expect(SeriesAggregation.meanAndStandardDeviation(of: withNaN)
            == [ChartPoint(x: 1, y: 4, spread: 0), ChartPoint(x: 2, y: 6, spread: 0)])
    }
}
