import DenseLinearAlgebra

/// One copy's part of a vector step.
struct CopyOutcome: Sendable {
    var observation: [Float]
    var reward: Double
    var terminated: Bool
    var truncated: Bool
    var finalObservation: [Float]?
    /// The episodes the copy reported itself during the step and its reset (nil: it reports none).
    var reported: [CompletedEpisode]? = nil
}

// MARK: - Stepping, serial or threaded

extension VectorEnvironment {
    /// Steps every copy with its action; copies whose episode ended are reset in the same step.
    ///
    /// On an error (a bad action, a NaN from a copy) the first failing copy's error is thrown
    /// (by copy index, whatever the thread count); the copies are then in an unspecified state
    /// and must be reset.
    public func step(_ actions: [Action]) throws -> VectorStepResult {
        guard actions.count == count else {
            throw EnvironmentError.vectorActionCountMismatch(expected: count, actual: actions.count)
        }
        guard isReset else { throw EnvironmentError.stepBeforeReset(environment: name) }
        var outcomes = [Result<CopyOutcome, any Error>?](repeating: nil, count: count)
        let width = observationDimension
        // Each copy writes its observation into its own row of the result where it steps, so the
        // rows are not copied again one after another once every copy is done (for 8 Atari stacks,
        // 0.9 MB a step that the second thread could not share).
        // (Not zeroed first: a row a copy did not fill belongs to a step that throws.)
        let observations = [Float](unsafeUninitializedCapacity: count * width) { rows, initialized in
            outcomes.withUnsafeMutableBufferPointer { buffer in
                Parallel.forEach(count: count, threads: steppingThreads) { index in
                    let outcome = stepCopy(index, actions[index])
                    if case .success(let stepped) = outcome, stepped.observation.count == width, let base = rows.baseAddress {
                        stepped.observation.withUnsafeBufferPointer { row in
                            guard let source = row.baseAddress else { return }
                            (base + index * width).initialize(from: source, count: width)
                        }
                    }
                    buffer[index] = outcome
                }
            }
            initialized = count * width
        }
        return try assemble(outcomes, observations: observations)
    }

    /// The threads a step uses: up to `threads`, but only as many as get at least
    /// `minimumStepNanosecondsPerThread` of the copies' typical stepping work each, so cheap
    /// copies (classic control: ~1 µs a step) are stepped inline and a second thread never
    /// slows them down. The copies are independent, so this never changes a result.
    public var steppingThreads: Int {
        guard threads > 1, minimumStepNanosecondsPerThread > 0 else { return threads }
        let useful = typicalVectorStepNanoseconds / minimumStepNanosecondsPerThread
        // A NaN hint fails both comparisons: inline.
        if useful >= Double(threads) { return threads }
        return useful >= 2 ? Int(useful) : 1
    }

    /// Steps copy `index` (and resets it if its episode ended); touches only that copy.
    ///
    /// A failure of the environment itself (it throws, or returns a non-finite observation or
    /// reward) becomes a ``CopyStepError`` naming the copy and its episode step; a bad action
    /// stays the ``EnvironmentError`` it is.
    func stepCopy(_ index: Int, _ action: Action) -> Result<CopyOutcome, any Error> {
        Result {
            var outcome = try stepAndReset(index, action)
            outcome.reported = episodeReporters[index]?.takeReportedEpisodes()
            return outcome
        }
    }

    /// Copy `index`'s step, and its reset if the episode ended.
    private func stepAndReset(_ index: Int, _ action: Action) throws -> CopyOutcome {
        let environment = environments[index]
        let result: StepResult
        do {
            result = try environment.checkedStep(action, name: copyName(index))
        } catch let error as EnvironmentError where error.isBadAction {
            throw error
        } catch {
            // runningLengths is only written by `assemble`, after every copy has stepped.
            throw CopyStepError(environment: name, copy: index, episodeStep: runningLengths[index] + 1, underlying: error)
        }
        guard result.terminated || result.truncated else {
            return CopyOutcome(
                observation: result.observation, reward: result.reward, terminated: false, truncated: false,
                finalObservation: nil)
        }
        let resetObservation = try environment.checkedReset(seed: nil, name: copyName(index))
        return CopyOutcome(
            observation: resetObservation, reward: result.reward, terminated: result.terminated,
            truncated: result.truncated, finalObservation: result.observation)
    }

    /// Gathers the copies' outcomes in index order (their observations already in `observations`'
    /// rows) and records finished episodes.
    func assemble(_ outcomes: [Result<CopyOutcome, any Error>?], observations: [Float]) throws -> VectorStepResult {
        var rewards = [Double](repeating: 0, count: count)
        var terminated = [Bool](repeating: false, count: count)
        var truncated = [Bool](repeating: false, count: count)
        var finalObservations = [[Float]?](repeating: nil, count: count)
        for index in 0..<count {
            guard let outcome = try outcomes[index]?.get() else {
                throw EnvironmentError.invalidConfiguration("\(copyName(index)) was not stepped")
            }
            guard outcome.observation.count == observationDimension else {
                throw EnvironmentError.observationShapeMismatch(
                    environment: copyName(index), expected: observationDimension, actual: outcome.observation.count)
            }
            rewards[index] = outcome.reward
            terminated[index] = outcome.terminated
            truncated[index] = outcome.truncated
            finalObservations[index] = outcome.finalObservation
            episodes.record(
                copy: index, reward: outcome.reward, ended: outcome.terminated || outcome.truncated,
                reported: outcome.reported)
        }
        return VectorStepResult(
            observations: observations, observationDimension: observationDimension, rewards: rewards,
            terminated: terminated, truncated: truncated, finalObservations: finalObservations)
    }
}
