/// One problem found in a script, as a value: where, what, and what to do about it.
///
/// Diagnostics come from the parser and checker (before anything runs) and from the evaluator
/// (runtime errors, which may carry the exchange's error code). ``DiagnosticRenderer`` is the one
/// place that turns them into text.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The script cannot run (compile time) or stopped (runtime).
        case error
        /// The script runs, but something looks wrong.
        case warning
        /// Extra context attached to another diagnostic.
        case note
    }

    /// Which phase found the problem.
    public enum Phase: String, Sendable, Hashable {
        /// Tokenizer or parser: the text is not mops.
        case syntax
        /// Checker: names, arity, types.
        case check
        /// Evaluator: the statement failed while running.
        case runtime
    }

    /// How serious the problem is.
    public var severity: Severity
    /// Which phase found it.
    public var phase: Phase
    /// Where it is.
    public var range: SourceRange
    /// What is wrong, in one line: what was expected and what was found.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The exchange's error code (`-3045`, `-1013`, …) when the exchange refused a request.
    public var exchangeCode: Int?
    /// Whether the parser stopped because the input ended too early (the REPL then asks for more).
    public var isUnexpectedEnd: Bool
    /// Whether a request's outcome is unknown: it was sent but no usable answer came back (a lost connection,
    /// a timeout, a 5xx), so it may have been executed. Check the account before repeating it.
    public var outcomeUnknown: Bool

    /// Makes a diagnostic.
    public init(_ severity: Severity = .error, phase: Phase, range: SourceRange, message: String,
                hint: String? = nil, exchangeCode: Int? = nil, isUnexpectedEnd: Bool = false, outcomeUnknown: Bool = false) {
        self.severity = severity
        self.phase = phase
        self.range = range
        self.message = message
        self.hint = hint
        self.exchangeCode = exchangeCode
        self.isUnexpectedEnd = isUnexpectedEnd
        self.outcomeUnknown = outcomeUnknown
    }

    /// `line:col: error: message` (without file name, source line or hint).
    public var description: String { "\(range.start): \(severity.rawValue): \(message)" }
}
