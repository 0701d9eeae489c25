import NeuralNetworks

/// How a setting changes over a run, as Stable-Baselines3's schedules: a function of the progress
/// remaining, 1 − (steps taken)/(budget), from 1 at the start to 0 at the budget.
///
/// SB3 updates the progress after each rollout (the steps just collected counted) and reads the
/// schedules in `train()`; so does `OnPolicyTrainer`. The value depends only on the steps taken and
/// the budget, both part of a run, so a resumed run gets the same values.
public enum Schedule: String, Sendable, Hashable, Codable {
    /// The value as given.
    case constant
    /// The zoo's `lin_X`: X times the progress remaining.
    case linear

    /// The value at `progressRemaining` of a setting whose starting value is `initial`.
    public func value(_ initial: Double, progressRemaining: Double) -> Double {
        self == .linear ? initial * progressRemaining : initial
    }
}

extension TrainingConfiguration {
    /// The configuration with its scheduled settings (learning rate, clip range) at `progressRemaining`.
    public func scheduled(progressRemaining: Double) -> TrainingConfiguration {
        var configuration = self
        configuration.learningRate = learningRateSchedule.value(learningRate, progressRemaining: progressRemaining)
        configuration.policyLearningRate = policyLearningRate.map {
            learningRateSchedule.value($0, progressRemaining: progressRemaining)
        }
        configuration.clipRange = clipRangeSchedule.value(clipRange, progressRemaining: progressRemaining)
        return configuration
    }

    /// Whether any setting follows a schedule other than a constant.
    public var hasSchedules: Bool { learningRateSchedule != .constant || clipRangeSchedule != .constant }
}

/// A rule whose settings follow the configuration's schedules: before each update the trainer
/// hands it the configuration at the current progress.
public protocol ScheduledPolicyUpdateRule: PolicyUpdateRule {
    /// Takes the scheduled settings (step size, clip range) of `configuration`.
    mutating func adopt(scheduled configuration: TrainingConfiguration)
}

extension ProximalPolicyUpdate: ScheduledPolicyUpdateRule {
    public mutating func adopt(scheduled configuration: TrainingConfiguration) {
        let scheduled = configuration.proximalPolicySettings
        settings.learningRate = scheduled.learningRate
        settings.clipRange = scheduled.clipRange
    }
}

extension VanillaPolicyGradientUpdate: ScheduledPolicyUpdateRule {
    public mutating func adopt(scheduled configuration: TrainingConfiguration) {
        settings.learningRate = configuration.vanillaPolicyGradientSettings.learningRate
    }
}

extension OnPolicyTrainer {
    /// The progress remaining after `timesteps` steps of the budget (1 without a budget).
    public func progressRemaining(timesteps: Int) -> Double {
        guard let budget = timestepBudget, budget > 0 else { return 1 }
        return 1 - Double(timesteps) / Double(budget)
    }

    /// Sets the rule's and the critic's scheduled settings for the update after a rollout that
    /// brought the run to `timestepsAfterCollection` steps (SB3's order; a no-op without schedules).
    func applySchedules(timestepsAfterCollection: Int) {
        guard configuration.hasSchedules else { return }
        let scheduled = configuration.scheduled(progressRemaining: progressRemaining(timesteps: timestepsAfterCollection))
        if var rule = updateRule as? any ScheduledPolicyUpdateRule {
            rule.adopt(scheduled: scheduled)
            updateRule = rule
        }
        // SB3's PPO trains the value function with the same optimiser, so with the same schedule.
        criticOptimizer.learningRate = Float(scheduled.learningRate)
    }
}
