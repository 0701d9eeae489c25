import DenseLinearAlgebra

/// A recorded trajectory: the reset observation, then each step's transition.
struct RecordedTrajectory: Equatable {
    var resetObservation: [Float]
    var transitions: [StepResult] = []

    /// Where two trajectories first differ ("the reset observation", "step 12"), or `nil`.
    func firstDifference(from other: RecordedTrajectory) -> String? {
        if !bitwiseEqual(resetObservation, other.resetObservation) { return "the reset observation" }
        for (index, (mine, theirs)) in zip(transitions, other.transitions).enumerated()
        where
            !(bitwiseEqual(mine.observation, theirs.observation) && mine.reward.bitPattern == theirs.reward.bitPattern
            && mine.terminated == theirs.terminated && mine.truncated == theirs.truncated)
        {
            return "step \(index)"
        }
        return transitions.count == other.transitions.count ? nil : "the number of steps"
    }

    private func bitwiseEqual(_ left: [Float], _ right: [Float]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}

/// Drives an environment with seeded uniform actions and records what `environmentProblems` checks.
struct TrajectoryChecker {
    let environment: any Environment
    let seed: UInt64
    let steps: Int
    private(set) var problems: [EnvironmentProblem] = []
    private(set) var actions: [Action] = []

    init(environment: any Environment, seed: UInt64, steps: Int) {
        self.environment = environment
        self.seed = seed
        self.steps = steps
        var stream = RandomStream(seed: seed, stream: 0x63_6865_636b)  // "check"
        actions = (0..<steps).map { _ in environment.actionSpace.sample(using: &stream) }
    }

    /// Resets with `seed` and plays the recorded actions (resetting unseeded after episode ends).
    mutating func record(checkingValues: Bool) throws -> RecordedTrajectory {
        let resetObservation = try environment.reset(seed: seed)
        if checkingValues { checkObservation(resetObservation, context: "reset(seed: \(seed))") }
        var trajectory = RecordedTrajectory(resetObservation: resetObservation)
        try play(actions[...], into: &trajectory, checkingValues: checkingValues)
        return trajectory
    }

    mutating func play(_ actions: ArraySlice<Action>, into trajectory: inout RecordedTrajectory, checkingValues: Bool)
        throws
    {
        for (index, action) in zip(actions.indices, actions) {
            let result = try environment.step(action)
            trajectory.transitions.append(result)
            if checkingValues {
                checkObservation(result.observation, context: "step \(index)")
                if !result.reward.isFinite {
                    problems.append(EnvironmentProblem(.nonFiniteValue, "step \(index) reward is \(result.reward)"))
                }
            }
            if result.terminated || result.truncated {
                let observation = try environment.reset(seed: nil)
                if checkingValues { checkObservation(observation, context: "reset after step \(index)") }
            }
        }
    }

    /// Snapshots mid-trajectory, plays the second half, restores, replays, and compares.
    mutating func checkSnapshotReplay() throws -> [EnvironmentProblem] {
        _ = try environment.reset(seed: seed)
        let half = actions.count / 2
        var prefix = RecordedTrajectory(resetObservation: [])
        try play(actions[..<half], into: &prefix, checkingValues: false)
        let snapshot = environment.snapshot()
        var original = RecordedTrajectory(resetObservation: [])
        try play(actions[half...], into: &original, checkingValues: false)
        try environment.restore(snapshot)
        var found: [EnvironmentProblem] = []
        if environment.snapshot() != snapshot {
            found.append(
                EnvironmentProblem(.snapshotMismatch, "snapshot() after restore(_:) differs from the one restored"))
        }
        var replay = RecordedTrajectory(resetObservation: [])
        try play(actions[half...], into: &replay, checkingValues: false)
        if let difference = original.firstDifference(from: replay) {
            found.append(
                EnvironmentProblem(
                    .snapshotMismatch,
                    "replay after restore(_:) differs from the original at \(difference) after the snapshot"))
        }
        return found
    }

    private mutating func checkObservation(_ observation: [Float], context: String) {
        let space = environment.observationSpace
        if observation.count != space.dimension {
            problems.append(
                EnvironmentProblem(
                    .observationShape,
                    "\(context) observation has \(observation.count) coordinates, space has \(space.dimension)"))
        } else if observation.contains(where: { !$0.isFinite }) {
            problems.append(EnvironmentProblem(.nonFiniteValue, "\(context) observation \(observation) is not finite"))
        } else if !space.contains(observation: observation) {
            problems.append(
                EnvironmentProblem(
                    .observationOutOfBounds,
                    "\(context) observation \(observation) is outside \(space.gymnasiumDescription)"))
        }
    }
}
