import BinanceMargin

/// Waiting while handlers are registered, and `watch` (docs/language.md, "Handlers"): time passes in steps and
/// the handlers run between them, so a handler runs during a `wait` as soon as its event can be seen.
extension Evaluator {
    /// How long a real-time step waits for an event before looking again (a feed wakes it as soon as one arrives).
    static let realTimeStep: Int64 = 1_000

    /// A wait with handlers registered. Simulated time advances one poll interval at a time (at most 10,000 steps
    /// per wait); real time waits for the feed to ring (or polls every few seconds without a feed).
    func sleepHandlingEvents(_ ms: Int64, _ range: SourceRange) async throws {
        let clock = configuration.clock
        try checkWaitFitsTimeLimit(ms, range)
        if clock.isVirtual || !(clock is WallClock) {
            let step = clock.isVirtual ? max(clock.pollInterval, ms / 10_000 + 1) : min(Evaluator.realTimeStep, clock.pollInterval)
            var left = ms
            while left > 0 {
                let slice = min(step, left)
                try await sleepOnce(slice, range)
                left -= slice
                try await dispatchEvents(range)
            }
            return
        }
        let deadline = ContinuousClock.now + .milliseconds(ms)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            try await pause(upTo: min(Evaluator.milliseconds(left), configuration.events == nil ? pollInterval : Evaluator.realTimeStep))
            try await dispatchEvents(range)
        }
        view?.invalidate()
        await checkLiquidations(afterWaiting: ms, at: range)
    }

    /// `watch [for d]`: handles events for `d` of the script's clock, or — without a limit — in real time until
    /// Ctrl-C (the run is cancelled), an `exit` in a handler, or the interpreter's time limit.
    func watch(_ limit: LoweredExpr?, _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        try requireWaiting(range)
        if handlers.isEmpty {
            configuration.output(.note("watch: no handler is registered, so there is nothing to watch"))
            return .normal
        }
        if let limit {
            try await sleep(try await duration(limit, range), range)
            return .normal
        }
        while true {
            if let ms = configuration.timeLimitMilliseconds, ContinuousClock.now - startedAt > .milliseconds(ms) {
                throw RuntimeFailure("time limit of \(DurationFormat.format(milliseconds: ms)) reached", range, hint: nil, cause: .timeLimit)
            }
            try await pause(upTo: configuration.events == nil ? 5_000 : Evaluator.realTimeStep)
            try await dispatchEvents(range)
        }
    }

    /// Waits in real time until an event arrives or `ms` pass; throws when the run is cancelled.
    private func pause(upTo ms: Int64) async throws {
        if let feed = configuration.events {
            await feed.waitForArrival(milliseconds: ms)
            try Task.checkCancellation()
        } else {
            try await Task.sleep(for: .milliseconds(ms))
        }
    }

    private static func milliseconds(_ d: Duration) -> Int64 {
        max(1, d.wholeMilliseconds)
    }
}
