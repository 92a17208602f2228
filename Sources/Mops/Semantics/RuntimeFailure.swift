import BinanceMargin

/// A statement failed while running; carries the diagnostic to report.
struct RuntimeFailure: Error {
    var diagnostic: Diagnostic

    init(_ message: String, _ range: SourceRange, hint: String? = nil, exchangeCode: Int? = nil, cause: Diagnostic.Cause? = nil) {
        diagnostic = Diagnostic(phase: .runtime, range: range, message: message, hint: hint, exchangeCode: exchangeCode, cause: cause)
    }

    /// What a statement that failed with `error` throws on: cancellation stays a `CancellationError` (the run
    /// stops as cancelled), everything else becomes a located ``RuntimeFailure`` (see ``from(_:at:argumentRanges:doing:)``).
    /// The one `catch` of the evaluator's statements, builtin calls, `show` and `sim`.
    static func rethrown(_ error: any Error, at range: SourceRange, argumentRanges: [SourceRange] = [], doing what: String?) -> any Error {
        if error is CancellationError { return error }
        return from(error, at: range, argumentRanges: argumentRanges, doing: what)
    }

    /// Turns any error a statement raised into a located diagnostic. A builtin's error about one
    /// argument is placed under that argument when `argumentRanges` has it.
    static func from(_ error: any Error, at range: SourceRange, argumentRanges: [SourceRange] = [], doing what: String?) -> RuntimeFailure {
        if let failure = error as? RuntimeFailure { return failure }
        if let b = error as? BuiltinError {
            let place = b.argument.flatMap { argumentRanges.indices.contains($0) ? argumentRanges[$0] : nil } ?? range
            return RuntimeFailure(b.message, place, hint: b.hint)
        }
        if let e = error as? BinanceError {
            let prefix = what.map { "\($0) failed: " } ?? ""
            switch e.category {
            case .network:
                var message = "backend unavailable: \(e.message)"
                if e.outcomeUnknown { message += " — the request may have been executed; check before repeating it" }
                var failure = RuntimeFailure(message, range, hint: e.hint ?? "is the backend running? (mops sim serve, or check --base-url)")
                failure.diagnostic.outcomeUnknown = e.outcomeUnknown
                failure.diagnostic.cause = .backendUnavailable
                return failure
            default:
                // An unknown outcome is never called "failed": it may have been executed.
                if e.outcomeUnknown {
                    let message = (what.map { "\($0): " } ?? "") + e.message + " — outcome unknown; check before repeating it"
                    var failure = RuntimeFailure(message, range, hint: e.hint, exchangeCode: e.code)
                    failure.diagnostic.outcomeUnknown = true
                    return failure
                }
                let message = prefix + e.message
                return RuntimeFailure(message, range, hint: e.hint, exchangeCode: e.code)
            }
        }
        if let n = error as? NumberError { return .arithmetic(n, range) }
        if error is CancellationError { return RuntimeFailure("cancelled", range) }
        return RuntimeFailure("\(what.map { "\($0) failed: " } ?? "")\(error)", range)
    }
}

extension RuntimeFailure {
    /// The diagnostic for an exact-arithmetic failure at `range`:
    /// `arithmetic overflow: 99999999999999999999999999999999999999 * 10 does not fit in 38 digits`.
    static func arithmetic(_ error: NumberError, _ range: SourceRange) -> RuntimeFailure {
        switch error {
        case .overflow: return RuntimeFailure(error.description, range, hint: "a number holds at most 38 significant digits")
        case .divisionByZero: return RuntimeFailure("division by zero", range, hint: "check the divisor first: if y != 0 { ... }")
        }
    }
}
