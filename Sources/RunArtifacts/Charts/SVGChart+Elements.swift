// MARK: - Series

extension SVGChart {
    /// Opacity of the ± spread bands: light enough that overlapping bands stay readable.
    static let bandOpacity = "0.18"

    /// A series' group: one band polygon per unbroken run of points with a spread, one path for
    /// the line (a subpath per unbroken run), and a dot for runs of a single point.
    func seriesElement(_ line: ChartSeries, color unescapedColor: String, layout: Layout) -> String {
        let color = SVGText.escape(unescapedColor)
        var element = "<g class=\"series\">\n<title>\(SVGText.escape(line.label))</title>\n"
        for band in runs(of: line.points, where: { $0.spread.map { $0.isFinite } ?? false }) where band.count > 1 {
            let upper = band.map { "\(SVGText.number(layout.x($0.x))),\(SVGText.number(layout.y($0.y + abs($0.spread ?? 0))))" }
            let lower = band.reversed().map {
                "\(SVGText.number(layout.x($0.x))),\(SVGText.number(layout.y($0.y - abs($0.spread ?? 0))))"
            }
            element += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" "
                + "fill-opacity=\"\(Self.bandOpacity)\" stroke=\"none\"/>\n"
        }
        let segments = runs(of: line.points, where: { _ in true })
        let pathData = segments.map { segment in
            segment.enumerated().map { index, point in
                "\(index == 0 ? "M" : "L")\(SVGText.number(layout.x(point.x))),\(SVGText.number(layout.y(point.y)))"
            }.joined(separator: " ")
        }.joined(separator: " ")
        element += "<path class=\"line\" d=\"\(pathData)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" "
            + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
        for segment in segments where segment.count == 1 {
            element += "<circle class=\"marker\" cx=\"\(SVGText.number(layout.x(segment[0].x)))\" "
                + "cy=\"\(SVGText.number(layout.y(segment[0].y)))\" r=\"3.5\" fill=\"\(color)\"/>\n"
        }
        return element + "</g>\n"
    }

    /// The maximal runs of consecutive points with finite coordinates that satisfy `condition`.
    func runs(of points: [ChartPoint], where condition: (ChartPoint) -> Bool) -> [[ChartPoint]] {
        var result: [[ChartPoint]] = []
        var current: [ChartPoint] = []
        for point in points {
            if point.x.isFinite && point.y.isFinite && condition(point) {
                current.append(point)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

// MARK: - Grid, axes and legend

extension SVGChart {
    /// Light lines at every tick, behind the data.
    func gridLines(_ layout: Layout) -> String {
        var grid = "<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">\n"
        for tick in layout.xScale.ticks {
            let x = SVGText.number(layout.x(tick))
            grid += "<line x1=\"\(x)\" y1=\"\(SVGText.number(layout.top))\" x2=\"\(x)\" y2=\"\(SVGText.number(layout.bottom))\"/>\n"
        }
        for tick in layout.yScale.ticks {
            let y = SVGText.number(layout.y(tick))
            grid += "<line x1=\"\(SVGText.number(layout.left))\" y1=\"\(y)\" x2=\"\(SVGText.number(layout.right))\" y2=\"\(y)\"/>\n"
        }
        return grid + "</g>\n"
    }

    /// The frame, the tick marks with their labels, and the axis labels.
    func axes(_ layout: Layout) -> String {
        let ink = "#333333"
        var axes = layout.plotRectangle(attributes: " class=\"frame\" fill=\"none\" stroke=\"\(ink)\" stroke-width=\"1\"") + "\n"
        axes += "<g class=\"axis x-axis\" font-size=\"12\" fill=\"\(ink)\">\n"
        for (tick, label) in zip(layout.xScale.ticks, layout.xScale.tickLabels) {
            let x = SVGText.number(layout.x(tick))
            axes += "<g class=\"tick\"><line x1=\"\(x)\" y1=\"\(SVGText.number(layout.bottom))\" x2=\"\(x)\" "
                + "y2=\"\(SVGText.number(layout.bottom + 5))\" stroke=\"\(ink)\"/><text x=\"\(x)\" "
                + "y=\"\(SVGText.number(layout.bottom + 20))\" text-anchor=\"middle\">\(SVGText.escape(label))</text></g>\n"
        }
        axes += "<text class=\"axis-label\" x=\"\(SVGText.number((layout.left + layout.right) / 2))\" "
            + "y=\"\(SVGText.number(height - 18))\" text-anchor=\"middle\" font-size=\"14\">\(SVGText.escape(xLabel))</text>\n"
        axes += "</g>\n<g class=\"axis y-axis\" font-size=\"12\" fill=\"\(ink)\">\n"
        for (tick, label) in zip(layout.yScale.ticks, layout.yScale.tickLabels) {
            let y = SVGText.number(layout.y(tick))
            axes += "<g class=\"tick\"><line x1=\"\(SVGText.number(layout.left - 5))\" y1=\"\(y)\" "
                + "x2=\"\(SVGText.number(layout.left))\" y2=\"\(y)\" stroke=\"\(ink)\"/><text "
                + "x=\"\(SVGText.number(layout.left - 9))\" y=\"\(SVGText.number(layout.y(tick) + 4))\" "
                + "text-anchor=\"end\">\(SVGText.escape(label))</text></g>\n"
        }
        let labelX = SVGText.number(20)
        let labelY = SVGText.number((layout.top + layout.bottom) / 2)
        axes += "<text class=\"axis-label\" x=\"\(labelX)\" y=\"\(labelY)\" transform=\"rotate(-90 \(labelX) \(labelY))\" "
            + "text-anchor=\"middle\" font-size=\"14\">\(SVGText.escape(yLabel))</text>\n"
        return axes + "</g>\n"
    }

    /// One entry per series (colour swatch and label), to the right of the plot area.
    func legend(_ layout: Layout) -> String {
        guard !series.isEmpty else { return "" }
        var legend = "<g class=\"legend\" font-size=\"13\" fill=\"#222222\">\n"
        for (index, line) in series.enumerated() {
            let color = SVGText.escape(line.color ?? ChartPalette.color(at: index))
            let x = layout.right + 16
            let y = layout.top + 12 + Double(index) * 22
            legend += "<g class=\"legend-entry\">"
            if line.points.contains(where: { $0.spread != nil }) {
                legend += "<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y - 7))\" width=\"26\" height=\"14\" "
                    + "fill=\"\(color)\" fill-opacity=\"\(Self.bandOpacity)\"/>"
            }
            legend += "<line x1=\"\(SVGText.number(x))\" y1=\"\(SVGText.number(y))\" x2=\"\(SVGText.number(x + 26))\" "
                + "y2=\"\(SVGText.number(y))\" stroke=\"\(color)\" stroke-width=\"2.5\"/>"
            legend += "<text x=\"\(SVGText.number(x + 34))\" y=\"\(SVGText.number(y + 4.5))\">\(SVGText.escape(line.label))</text></g>\n"
        }
        return legend + "</g>\n"
    }
}
