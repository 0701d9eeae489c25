import ArgumentParser
import Foundation
import PolicyOptimization
import RunArtifacts

/// The human-readable progress table of `trpo train`, on stderr (progress.csv is the record).
struct ProgressPrinter {
    let enabled: Bool
    /// Whether the rule is a trust-region step (line-search columns) or an Adam rule (PPO/VPG:
    /// approximate KL and clip fraction).
    var showsLineSearch = true
    /// The run's budget, for the time-to-go column (0: none shown).
    var totalTimesteps = 0

    func header(_ specification: RunSpecification) {
        guard enabled else { return }
        let configuration = specification.configuration
        standardError(
            "\(configuration.algorithm.rawValue.uppercased()) on \(specification.environmentID), seed \(specification.seed), "
                + "\(specification.totalTimesteps) steps, batch \(configuration.environmentCopies)×\(configuration.stepsPerCopy)")
        standardError(
            showsLineSearch
                ? " iter     steps   ep_rew_mean  ep_len     kl       ΔL     ls  ok  v_loss   expl_var   fps      eta"
                : " iter     steps   ep_rew_mean  ep_len     kl     approx_kl  clip   v_loss   expl_var   fps      eta")
    }

    func row(_ metrics: IterationMetrics) {
        guard enabled else { return }
        defer { skipNotice(metrics) }
        let update = metrics.update
        guard showsLineSearch else {
            standardError(String(
                format: "%5d %9d  %11.2f %7.1f  %.5f  %.5f  %.3f  %8.4f  %+7.3f  %6.0f  %@",
                metrics.iteration, metrics.totalTimesteps, metrics.meanEpisodeReturn, metrics.meanEpisodeLength,
                update.klDivergence, update.approximateKL, update.clipFraction, metrics.valueLoss,
                metrics.explainedVariance, metrics.framesPerSecond, timeToGo(metrics)))
            return
        }
        standardError(String(
            format: "%5d %9d  %11.2f %7.1f  %.5f  %+.4f %3d  %@  %8.4f  %+7.3f  %6.0f  %@",
            metrics.iteration, metrics.totalTimesteps, metrics.meanEpisodeReturn, metrics.meanEpisodeLength,
            update.klDivergence, update.surrogateImprovement, update.lineSearchSteps,
            update.lineSearchSucceeded ? "y" : "n", metrics.valueLoss, metrics.explainedVariance,
            metrics.framesPerSecond, timeToGo(metrics)))
    }

    /// The time left at this session's steps per second, as `1h02m` or `3m05s` (long Atari runs).
    func timeToGo(_ metrics: IterationMetrics) -> String {
        let remaining = Double(max(totalTimesteps - metrics.totalTimesteps, 0))
        guard totalTimesteps > 0, metrics.framesPerSecond > 0 else { return "-" }
        let seconds = Int((remaining / metrics.framesPerSecond).rounded())
        let (hours, minutes, rest) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        return hours > 0 ? String(format: "%dh%02dm", hours, minutes) : String(format: "%dm%02ds", minutes, rest)
    }

    /// A line saying why θ_old was kept, after the row of an iteration whose update was skipped.
    func skipNotice(_ metrics: IterationMetrics) {
        let update = metrics.update
        if !update.lineSearchSucceeded {
            let reason = update.skipReason ?? "no line-search step improved the surrogate within the KL limit"
            standardError("      iteration \(metrics.iteration): policy update skipped (θ_old kept): \(reason)")
        }
        if let reason = metrics.criticFitSkipReason {
            standardError("      iteration \(metrics.iteration): \(reason)")
        }
    }

    func footer(_ directory: URL) {
        guard enabled else { return }
        standardError("wrote \(directory.path)/{config.json, progress.csv, checkpoint.safetensors, policy.safetensors}")
    }
}

/// Writes one line to standard error.
func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body`; any error becomes "trpo COMMAND: message" on stderr and exit status 1.
func reportingErrors(command: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        standardError("trpo \(command): error: \(error)")
        throw ExitCode.failure
    }
}
