extension Interpreter {
    /// Runs `body` under a wall-clock budget of `milliseconds`: when the budget runs out first, the run's task
    /// is cancelled (stopping it at the next statement, inside a `wait`, or in a host function or request that
    /// honours cancellation) and the cancelled (or thereby failed) outcome becomes the runtime error `time limit of … reached`,
    /// keeping what was already sent. Cancelling the caller's task still reports `.cancelled`.
    static func withTimeLimit(_ milliseconds: Int64,
                              _ body: @escaping @Sendable () async -> (RunOutcome, [Value], Int)) async -> (RunOutcome, [Value], Int) {
        enum Event: Sendable {
            case finished(RunOutcome, [Value], Int)
            case expired
            case timerStopped
        }
        let (result, expired) = await withTaskGroup(of: Event.self) { group -> ((RunOutcome, [Value], Int)?, Bool) in
            group.addTask {
                let (outcome, globals, reported) = await body()
                return .finished(outcome, globals, reported)
            }
            group.addTask {
                do { try await Task.sleep(for: .milliseconds(milliseconds)) } catch { return .timerStopped }
                return .expired
            }
            var expired = false
            for await event in group {
                switch event {
                case .finished(let outcome, let globals, let reported):
                    group.cancelAll()
                    return ((outcome, globals, reported), expired)
                case .expired:
                    expired = true
                    group.cancelAll()
                case .timerStopped:
                    break
                }
            }
            return (nil, expired)
        }
        guard case (var outcome, let globals, var reported)? = result else {
            // Unreachable: the run's child always finishes. Report it as a time-limit failure rather than trap.
            return (RunOutcome(status: .runtimeError, diagnostics: [timeLimitDiagnostic(milliseconds, performed: [])],
                               source: Source(name: "<unknown>", text: "")), [], 0)
        }
        // After the budget ran out, a cancelled run — or one whose request failed because it was cancelled — ran out of time.
        let alreadyTimeLimit = outcome.diagnostics.first?.cause == .timeLimit
        if expired && !alreadyTimeLimit && (outcome.status == .cancelled || outcome.status == .runtimeError) {
            outcome.status = .runtimeError
            outcome.diagnostics = [timeLimitDiagnostic(milliseconds, performed: outcome.performed)]
            reported = 0
        }
        return (outcome, globals, reported)
    }

    private static func timeLimitDiagnostic(_ milliseconds: Int64, performed: [String]) -> Diagnostic {
        Diagnostic(phase: .runtime, range: nil, message: "time limit of \(DurationFormat.format(milliseconds: milliseconds)) reached",
                   hint: performed.isEmpty ? "nothing was sent; raise the time limit if the script really needs longer"
                                           : "already sent: " + performed.joined(separator: "; "),
                   cause: .timeLimit)
    }
}
