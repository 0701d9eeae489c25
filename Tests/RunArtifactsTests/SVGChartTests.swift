import Foundation
import Testing
@testable import RunArtifacts

@Suite struct SVGChartTests {
    func sampleChart() -> SVGChart {
        let ramp = (0...20).map { ChartPoint(x: Double($0) * 50_000, y: 20 + Double($0) * 20, spread: 10) }
        let noisy = (0...20).map { ChartPoint(x: Double($0) * 50_000, y: $0 == 7 ? .nan : Double($0 * $0)) }
        return SVGChart(
            title: "CartPole-v1 <TRPO & PPO>", xLabel: "time/total_timesteps", yLabel: "rollout/ep_rew_mean",
            series: [ChartSeries(label: "trpo \"δ=0.01\"", points: ramp), ChartSeries(label: "ppo <clip>", points: noisy)])
    }

    @Test func isValidSVGWithTitleAxesSeriesAndLegend() throws {
        let svg = try SVGDocument(sampleChart().render())
        #expect(svg.text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
        #expect(svg.root.name == "svg")
        #expect(svg.root.uri == "http://www.w3.org/2000/svg")
        #expect(svg.root.attribute("version") == "1.1")
        // Escaped text reads back as the original.
        #expect(svg.elements("title").first?.text == "CartPole-v1 <TRPO & PPO>")
        #expect(svg.elements("text", class: "chart-title").first?.text == "CartPole-v1 <TRPO & PPO>")
        #expect(svg.elements("text", class: "axis-label").map(\.text) == ["time/total_timesteps", "rollout/ep_rew_mean"])

        let xAxis = try #require(svg.elements("g", class: "x-axis").first)
        #expect(svg.elements("g", class: "tick", in: xAxis).map { $0.text } == ["0", "200k", "400k", "600k", "800k", "1M"])
        let yAxis = try #require(svg.elements("g", class: "y-axis").first)
        #expect(svg.elements("g", class: "tick", in: yAxis).map { $0.text } == ["0", "100", "200", "300", "400"])

        let series = svg.elements("g", class: "series")
        #expect(series.count == 2)
        #expect(series.map { svg.elements("path", class: "line", in: $0).count } == [1, 1])
        #expect(svg.elements("polygon", class: "band", in: series[0]).count == 1)
        #expect(svg.elements("polygon", class: "band", in: series[1]).isEmpty)
        // The NaN at index 7 splits the second line into two subpaths.
        let noisyPath = svg.elements("path", class: "line", in: series[1])[0].attribute("d")
        #expect(noisyPath.filter { $0 == "M" }.count == 2)
        #expect(!svg.text.contains("nan") && !svg.text.contains("inf"))

        let entries = svg.elements("g", class: "legend-entry")
        #expect(entries.map { svg.elements("text", in: $0).first?.text } == ["trpo \"δ=0.01\"", "ppo <clip>"])
        #expect(entries.map { svg.elements("line", in: $0).first?.attribute("stroke") } == ["#0072B2", "#D55E00"])
        #expect(svg.elements("path", class: "line").map { $0.attribute("stroke") } == ["#0072B2", "#D55E00"])
    }

    @Test func bandCoversMeanPlusMinusSpread() throws {
        let chart = SVGChart(title: "t", xLabel: "x", yLabel: "y", series: [
            ChartSeries(label: "a", points: [ChartPoint(x: 0, y: 5, spread: 5), ChartPoint(x: 10, y: 5, spread: 5)]),
        ])
        let svg = try SVGDocument(chart.render())
        let layout = SVGChart.Layout(chart: chart)
        #expect(layout.yScale.lower == 0 && layout.yScale.upper == 10)
        let points = svg.elements("polygon", class: "band")[0].attribute("points").split(separator: " ")
        let ys = points.compactMap { Double($0.split(separator: ",")[1]) }
        #expect(ys.count == 4)
        #expect(abs(ys.min()! - layout.top) < 0.01 && abs(ys.max()! - layout.bottom) < 0.01)
    }

    @Test func emptySinglePointAndConstantSeriesRender() throws {
        let empty = try SVGDocument(SVGChart(title: "none", xLabel: "x", yLabel: "y", series: []).render())
        #expect(empty.elements("text", class: "no-data").count == 1)
        #expect(empty.elements("g", class: "legend").isEmpty)
        #expect(empty.elements("g", class: "tick").count >= 4)

        let chart = SVGChart(title: "edge cases", xLabel: "x", yLabel: "y", series: [
            ChartSeries(label: "empty", points: []),
            ChartSeries(label: "single", points: [ChartPoint(x: 3, y: 7)]),
            ChartSeries(label: "all NaN", points: [ChartPoint(x: .nan, y: 1), ChartPoint(x: 1, y: .infinity)]),
            ChartSeries(label: "constant", points: [ChartPoint(x: 0, y: 7), ChartPoint(x: 6, y: 7)]),
        ])
        let svg = try SVGDocument(chart.render())
        #expect(svg.elements("path", class: "line").count == 4)
        #expect(svg.elements("circle", class: "marker").count == 1)
        #expect(svg.elements("g", class: "legend-entry").count == 4)
        #expect(!svg.text.contains("nan") && !svg.text.contains("inf"))
        let layout = SVGChart.Layout(chart: chart)
        #expect(layout.yScale.lower < 7 && layout.yScale.upper > 7)
    }

    @Test func dropsCharactersXMLCannotHold() throws {
        let chart = SVGChart(title: "bell\u{07} & tab\tend", xLabel: "x", yLabel: "y", series: [])
        let svg = try SVGDocument(chart.render())
        #expect(svg.elements("title").first?.text == "bell & tab\tend")
    }
}

@Suite struct AxisScaleTests {
    @Test func niceStepsAndLimits() {
        // Limits snap to a tick within 8 % of the range, else get a 3 % margin.
        let timesteps = AxisScale(covering: 2048...100_352)
        #expect(timesteps.step == 20_000)
        #expect(timesteps.lower == 0 && abs(timesteps.upper - (100_352 + 0.03 * 98_304)) < 1e-9)
        #expect(timesteps.tickLabels == ["0", "20k", "40k", "60k", "80k", "100k"])
        let pendulum = AxisScale(covering: -1_234.5 ... -150.2)
        #expect(pendulum.step == 200 && pendulum.ticks == [-1_200, -1_000, -800, -600, -400, -200])
        #expect(pendulum.lower < -1_234.5 && pendulum.upper > -150.2 && pendulum.upper < -100)
        let small = AxisScale(covering: 0.0013...0.0098)
        #expect(small.step == 0.002 && small.upper == 0.01)
        #expect(small.tickLabels == ["0.002", "0.004", "0.006", "0.008", "0.010"])
        #expect(AxisScale(covering: 0...2_500_000).tickLabels == ["0", "500k", "1M", "1.5M", "2M", "2.5M"])
        #expect(AxisScale(covering: 0...0.00001).tickLabels.last == "1e-5")
        let constant = AxisScale(covering: 0...0)
        #expect(constant.lower == -1 && constant.upper == 1)
        #expect(constant.tickLabels == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
        let fixed = AxisScale(covering: 0...475, extendToTicks: false)
        #expect(fixed.lower == 0 && fixed.upper == 475 && fixed.ticks.last == 400)
    }
}
