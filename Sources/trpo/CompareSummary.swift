import Foundation
import PolicyOptimization
import RunArtifacts

/// The results of a comparison per algorithm, and the files that report them.
struct CompareSummary {
    /// One algorithm's results over its seeds.
    struct Row {
        let algorithm: Algorithm
        let seeds: [UInt64]
        /// Each seed's mean evaluation return, in `seeds` order.
        let seedMeans: [Double]
        /// The mean of `seedMeans`.
        let mean: Double
        /// The standard deviation of `seedMeans` (dividing by the number of seeds, as NumPy's std).
        let standardDeviation: Double
        /// The mean wall-clock training seconds of one seed's run.
        let seconds: Double
        /// All runs' environment steps over their total training seconds.
        let stepsPerSecond: Double
        /// Mean ± standard deviation across seeds of rollout/ep_rew_mean against timesteps.
        let curve: [ChartPoint]
    }

    let plan: ComparePlan
    let rows: [Row]

    init(plan: ComparePlan, outcomes: [RunOutcome]) {
        self.plan = plan
        rows = plan.algorithms.map { algorithm in
            let runs = outcomes.filter { $0.algorithm == algorithm }
            let means = runs.map(\.meanReturn)
            let count = Double(max(means.count, 1))
            let mean = means.reduce(0, +) / count
            let variance = means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            let seconds = runs.map(\.trainingSeconds).reduce(0, +)
            let steps = Double(runs.map(\.timesteps).reduce(0, +))
            return Row(
                algorithm: algorithm, seeds: runs.map(\.seed), seedMeans: means, mean: mean,
                standardDeviation: variance.squareRoot(), seconds: seconds / count,
                stepsPerSecond: seconds > 0 ? steps / seconds : .nan,
                curve: SeriesAggregation.meanAndStandardDeviation(of: runs.map(\.curve)))
        }
    }

    /// Writes summary.json, summary.md and curves.svg into `directory`, each atomically.
    func write(to directory: URL) throws {
        try AtomicFile.write(json(), to: directory.appendingPathComponent("summary.json"))
        try AtomicFile.write(markdown(), to: directory.appendingPathComponent("summary.md"))
        try chart().write(to: directory.appendingPathComponent("curves.svg"))
    }

    /// A JSON list with one object per algorithm, keys in the documented order.
    func json() -> String {
        let objects = rows.map { row in
            "  {\"algo\": \"\(row.algorithm.rawValue)\", \"seeds\": [\(row.seeds.map(String.init).joined(separator: ", "))], "
                + "\"final_mean_return\": \(SummaryFormat.json(row.mean)), "
                + "\"final_std_return\": \(SummaryFormat.json(row.standardDeviation)), "
                + "\"seconds\": \(SummaryFormat.json(row.seconds)), "
                + "\"steps_per_second\": \(SummaryFormat.json(row.stepsPerSecond)), "
                + "\"seed_mean_returns\": [\(row.seedMeans.map(SummaryFormat.json).joined(separator: ", "))], "
                + "\"timesteps\": \(plan.timesteps), \"eval_episodes\": \(plan.evaluationEpisodes)}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// The Markdown table, with a heading and a note saying what the numbers are.
    func markdown() -> String {
        var table = MarkdownTable(
            columns: ["algorithm", "seeds", "final return", "per-seed returns", "seconds per run", "steps/s"],
            alignments: [.left, .right, .right, .left, .right, .right])
        for row in rows {
            table.append([
                row.algorithm.rawValue, String(row.seeds.count),
                "\(SummaryFormat.number(row.mean)) ± \(SummaryFormat.number(row.standardDeviation))",
                row.seedMeans.map { SummaryFormat.number($0) }.joined(separator: ", "),
                SummaryFormat.number(row.seconds), SummaryFormat.number(row.stepsPerSecond, digits: 0),
            ])
        }
        let seeds = plan.seeds.map(String.init).joined(separator: ", ")
        return """
            # \(plan.environmentID)

            \(plan.timesteps) timesteps per run; seeds \(seeds). Final return: each seed's final policy is \
            evaluated over \(plan.evaluationEpisodes) episodes with deterministic actions (evaluation seed \
            \(plan.evaluationSeed)); the table gives the mean over seeds of those per-seed means ± their \
            standard deviation across seeds. Seconds: wall-clock training time of one run (runs share the cores).

            \(table.rendered())
            """
    }

    /// Mean episode return against timesteps, one line with a ± one standard deviation band per algorithm.
    func chart() -> SVGChart {
        SVGChart(
            title: plan.environmentID, xLabel: "timesteps", yLabel: "mean episode return",
            series: rows.map { ChartSeries(label: $0.algorithm.rawValue, points: $0.curve) })
    }
}

/// Number formatting for the summary files.
enum SummaryFormat {
    /// A JSON number, or null when not finite.
    static func json(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }

    /// A fixed-point number for people (`digits` decimals; "n/a" when not finite).
    static func number(_ value: Double, digits: Int = 1) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
    }
}
