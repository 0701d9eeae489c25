/// One point of a chart series, with an optional band half-width.
public struct ChartPoint: Equatable, Sendable {
    /// The horizontal coordinate, e.g. total timesteps.
    public var x: Double
    /// The vertical coordinate, e.g. mean episode return.
    public var y: Double
    /// When set, a band from `y − spread` to `y + spread` is shaded (e.g. one standard deviation).
    public var spread: Double?

    /// Creates a point, with a band of half-width `spread` if given.
    public init(x: Double, y: Double, spread: Double? = nil) {
        self.x = x
        self.y = y
        self.spread = spread
    }
}

/// A labelled line of a chart.
public struct ChartSeries: Equatable, Sendable {
    /// The legend text.
    public var label: String
    /// The points, drawn in order; points with a non-finite coordinate break the line.
    public var points: [ChartPoint]
    /// An explicit colour (any SVG colour, e.g. `#0072B2`); by default the palette's colour for the series' position.
    public var color: String?

    /// Creates a series.
    public init(label: String, points: [ChartPoint], color: String? = nil) {
        self.label = label
        self.points = points
        self.color = color
    }
}

/// The default series colours: Okabe and Ito's palette, distinguishable with the common colour-vision
/// deficiencies, ordered so the first colours contrast most on white (yellow, the weakest, comes last).
public enum ChartPalette {
    /// Blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
    public static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// The colour of the series at `index`, cycling through ``colors``.
    public static func color(at index: Int) -> String { colors[index % colors.count] }
}
