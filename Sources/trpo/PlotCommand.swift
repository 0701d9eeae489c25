import ArgumentParser
import Foundation
import RunArtifacts

/// `trpo plot`: draws one curve per run directory from their progress.csv files, as an SVG chart.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw the learning curves of runs (their progress.csv) as an SVG line chart.",
        discussion: """
            Each --run-dir becomes one line, labelled with the directory's name. Progress files of \
            Stable-Baselines3 runs work too.
            """
    )

    /// The run directories, each holding a progress.csv.
    @Option(name: .customLong("run-dir"), help: ArgumentHelp("A run directory holding progress.csv (repeatable).", valueName: "DIR"))
    var runDirectories: [String] = []

    /// Where to write the SVG.
    @Option(name: .customLong("out"), help: ArgumentHelp("The SVG file to write.", valueName: "FILE.svg"))
    var output: String

    /// The column for the horizontal axis.
    @Option(name: .customLong("x"), help: "The progress.csv column for the horizontal axis.")
    var xColumn = "time/total_timesteps"

    /// The column for the vertical axis.
    @Option(name: .customLong("y"), help: "The progress.csv column for the vertical axis.")
    var yColumn = "rollout/ep_rew_mean"

    /// The chart's title; the y column by default.
    @Option(name: .customLong("title"), help: "The chart's title (default: the y column).")
    var title: String?

    func validate() throws {
        guard !runDirectories.isEmpty else { throw ValidationError("give at least one --run-dir DIR") }
    }

    func run() throws {
        let directories = runDirectories.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        let labels = Self.labels(for: directories)
        var series: [ChartSeries] = []
        for (directory, label) in zip(directories, labels) {
            guard AtomicFile.existence(of: directory) == (true, true) else {
                throw PlotCommandError.missingRunDirectory(directory.path)
            }
            let progress = directory.appendingPathComponent("progress.csv")
            guard AtomicFile.existence(of: progress).exists else { throw PlotCommandError.missingProgress(progress.path) }
            let points = try ProgressTable(contentsOf: progress).points(x: xColumn, y: yColumn)
            series.append(ChartSeries(label: label, points: points))
        }
        let chart = SVGChart(title: title ?? yColumn, xLabel: xColumn, yLabel: yColumn, series: series)
        let destination = URL(fileURLWithPath: output)
        try chart.write(to: destination)
        let total = series.map(\.points.count).reduce(0, +)
        FileHandle.standardError.write(Data("wrote \(destination.path): \(series.count) run\(series.count == 1 ? "" : "s"), \(total) points\n".utf8))
    }

    /// The legend labels: each directory's last path component, with parent folders added where
    /// that alone would not tell two runs apart (`cartpole/seed0` and `pendulum/seed0`).
    static func labels(for directories: [URL]) -> [String] {
        let components = directories.map { $0.pathComponents.filter { $0 != "/" } }
        var depth = 1
        while depth < (components.map(\.count).max() ?? 1) {
            let labels = components.map { $0.suffix(depth).joined(separator: "/") }
            if Set(labels).count == labels.count { break }
            depth += 1
        }
        return components.map { $0.suffix(depth).joined(separator: "/") }
    }
}

/// Why `trpo plot` cannot draw a chart.
enum PlotCommandError: Error, CustomStringConvertible {
    /// A `--run-dir` does not exist or is not a directory.
    case missingRunDirectory(String)
    /// A run directory has no progress.csv.
    case missingProgress(String)

    var description: String {
        switch self {
        case let .missingRunDirectory(path): "run directory \"\(path)\" does not exist or is not a directory"
        case let .missingProgress(path): "no progress file \"\(path)\" (has this run written an iteration yet?)"
        }
    }
}
