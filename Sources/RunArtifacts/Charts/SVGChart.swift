import Foundation

/// A publication-style line chart written as standalone SVG 1.1.
///
/// Each series is a line, with a translucent band where its points carry a `spread`; axes have
/// "nice" ticks (1-2-5 steps) with compact labels (`100k`, `1M`), light grid lines, a frame, a
/// title, axis labels and a legend outside the plot area, in ``ChartPalette``'s colour-blind-friendly
/// colours. Non-finite values are skipped (they break the line); empty series, single points and
/// constant values render sensibly.
///
/// ```swift
/// let chart = SVGChart(title: "CartPole-v1", xLabel: "timesteps", yLabel: "episode return",
///                      series: [ChartSeries(label: "trpo", points: points)])
/// try chart.write(to: directory.appendingPathComponent("curves.svg"))
/// ```
public struct SVGChart: Equatable, Sendable {
    /// The heading above the plot.
    public var title: String
    /// The horizontal axis' label.
    public var xLabel: String
    /// The vertical axis' label.
    public var yLabel: String
    /// The lines, drawn in order (later on top).
    public var series: [ChartSeries]
    /// The image width in pixels.
    public var width: Double
    /// The image height in pixels.
    public var height: Double
    /// Fixed horizontal limits; by default the data's range widened to the nearest ticks.
    public var xDomain: ClosedRange<Double>?
    /// Fixed vertical limits; by default the data's range (bands included) widened to the nearest ticks.
    public var yDomain: ClosedRange<Double>?

    /// Creates a chart of `series`.
    public init(
        title: String, xLabel: String, yLabel: String, series: [ChartSeries],
        width: Double = 760, height: Double = 460
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.width = width
        self.height = height
    }

    /// Writes the SVG atomically (see ``AtomicFile``).
    public func write(to url: URL) throws {
        try AtomicFile.write(render(), to: url)
    }

    /// The complete SVG document.
    public func render() -> String {
        let layout = Layout(chart: self)
        var svg = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(SVGText.number(width))" \
            height="\(SVGText.number(height))" viewBox="0 0 \(SVGText.number(width)) \(SVGText.number(height))" \
            font-family="Helvetica, Arial, sans-serif">

            """
        svg += "<title>\(SVGText.escape(title))</title>\n"
        svg += "<defs><clipPath id=\"plot-area\">\(layout.plotRectangle(attributes: ""))</clipPath></defs>\n"
        svg += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(SVGText.number(width))\" "
            + "height=\"\(SVGText.number(height))\" fill=\"#ffffff\"/>\n"
        svg += "<text class=\"chart-title\" x=\"\(SVGText.number((layout.left + layout.right) / 2))\" y=\"30\" "
            + "text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\" fill=\"#222222\">\(SVGText.escape(title))</text>\n"
        svg += gridLines(layout)
        svg += "<g class=\"plot\" clip-path=\"url(#plot-area)\">\n"
        for (index, line) in series.enumerated() {
            svg += seriesElement(line, color: line.color ?? ChartPalette.color(at: index), layout: layout)
        }
        svg += "</g>\n"
        if !layout.hasData {
            svg += "<text class=\"no-data\" x=\"\(SVGText.number((layout.left + layout.right) / 2))\" "
                + "y=\"\(SVGText.number((layout.top + layout.bottom) / 2))\" text-anchor=\"middle\" "
                + "font-size=\"14\" fill=\"#888888\">no data</text>\n"
        }
        svg += axes(layout)
        svg += legend(layout)
        svg += "</svg>\n"
        return svg
    }
}

// MARK: - Layout

extension SVGChart {
    /// The plot area in pixels and the two axis scales.
    struct Layout {
        let left: Double, right: Double, top: Double, bottom: Double
        let xScale: AxisScale, yScale: AxisScale
        let hasData: Bool
        let legendWidth: Double

        init(chart: SVGChart) {
            var xRange: ClosedRange<Double>?
            var yRange: ClosedRange<Double>?
            func include(_ value: Double, in range: inout ClosedRange<Double>?) {
                guard value.isFinite else { return }
                range = range.map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
            }
            for point in chart.series.flatMap(\.points) where point.x.isFinite && point.y.isFinite {
                include(point.x, in: &xRange)
                include(point.y, in: &yRange)
                if let spread = point.spread, spread.isFinite {
                    include(point.y - abs(spread), in: &yRange)
                    include(point.y + abs(spread), in: &yRange)
                }
            }
            hasData = xRange != nil
            xScale = AxisScale(covering: chart.xDomain ?? xRange, extendToTicks: chart.xDomain == nil)
            yScale = AxisScale(covering: chart.yDomain ?? yRange, extendToTicks: chart.yDomain == nil)

            let labels = chart.series.map(\.label)
            let longestLabel = labels.map { SVGText.estimatedWidth($0, fontSize: 13) }.max() ?? 0
            legendWidth = labels.isEmpty ? 0 : longestLabel + 58
            let tickLabelWidth = yScale.tickLabels.map { SVGText.estimatedWidth($0, fontSize: 12) }.max() ?? 0
            left = 34 + tickLabelWidth + 14
            right = chart.width - max(legendWidth, 24)
            top = 52
            bottom = chart.height - 62
        }

        /// The x pixel of a data value.
        func x(_ value: Double) -> Double { xScale.position(of: value, from: left, to: right) }
        /// The y pixel of a data value (SVG's y grows downward).
        func y(_ value: Double) -> Double { yScale.position(of: value, from: bottom, to: top) }

        /// A `rect` element covering the plot area.
        func plotRectangle(attributes: String) -> String {
            "<rect x=\"\(SVGText.number(left))\" y=\"\(SVGText.number(top))\" width=\"\(SVGText.number(right - left))\" "
                + "height=\"\(SVGText.number(bottom - top))\"\(attributes)/>"
        }
    }
}
