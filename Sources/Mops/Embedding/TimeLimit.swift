extension Interpreter {
    /// Runs `body` under a wall-clock budget of `milliseconds`: when the budget runs out first, the run's task
    /// is cancelled (stopping it at the next statement, inside a `wait`, or in a host function or request that
    /// honours cancellation) and the cancelled (or thereby failed) outcome becomes the runtime error `time limit of … reached`,
    /// keeping what was already sent. Cancelling the caller's task still reports `.cancelled`.
    static func withTimeLimit(_ milliseconds: Int64,
                              _ body: @escaping @Sendable () async -> (RunOutcome, [Value])) async -> (RunOutcome, [Value]) {
        enum Event: Sendable {
            case finished(RunOutcome, [Value])
            case expired
            case timerStopped
        }
        let (result, expired) = await withTaskGroup(of: Event.self) { group -> ((RunOutcome, [Value])?, Bool) in
            group.addTask {
                let (outcome, globals) = await body()
                return .finished(outcome, globals)
            }
            group.addTask {
                do { try await Task.sleep(for: .milliseconds(milliseconds)) } catch { return .timerStopped }
                return .expired
            }
            var expired = false
            for await event in group {
                switch event {
                case .finished(let outcome, let globals):
                    group.cancelAll()
                    return ((outcome, globals), expired)
                case .expired:
                    expired = true
                    group.cancelAll()
                case .timerStopped:
                    break
                }
            }
            return (nil, expired)
        }
        guard case (var outcome, let globals)? = result else {
            // Unreachable: the run's child always finishes. Report it as a time-limit failure rather than trap.
            return (RunOutcome(status: .runtimeError, diagnostics: [timeLimitDiagnostic(milliseconds, performed: [])],
                               source: Source(name: "<unknown>", text: "")), [])
        }
        // After the budget ran out, a cancelled run — or one whose request failed because it was cancelled — ran out of time.
        let alreadyTimeLimit = outcome.diagnostics.first?.cause == .timeLimit
        if expired && !alreadyTimeLimit && (outcome.status == .cancelled || outcome.status == .runtimeError) {
            outcome.status = .runtimeError
            outcome.diagnostics = [timeLimitDiagnostic(milliseconds, performed: outcome.performed)]
        }
        return (outcome, globals)
    }

    private static func timeLimitDiagnostic(_ milliseconds: Int64, performed: [String]) -> Diagnostic {
        Diagnostic(phase: .runtime, range: nil, message: "time limit of \(DurationFormat.format(milliseconds: milliseconds)) reached",
                   hint: performed.isEmpty ? "nothing was sent; raise the time limit if the script really needs longer"
                                           : "already sent: " + performed.joined(separator: "; "),
                   cause: .timeLimit)
    }
}
