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
    /// Why a runtime error stopped the run, when the reason is one a host acts on beyond the message.
    public enum Cause: Sendable, Hashable {
        /// The backend could not be reached, or the connection broke (exit 69).
        case backendUnavailable
        /// The run's ``Interpreter/Configuration/timeLimitMilliseconds`` ran out.
        case timeLimit
    }

    /// A secondary message attached to a diagnostic, with the place it points at when there is one
    /// (`the block opened here`).
    public struct Note: Sendable, Hashable {
        /// What the note says.
        public var message: String
        /// Where it points, or nil when it is about the diagnostic as a whole.
        public var range: SourceRange?

        /// Makes a note.
        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// Which phase found it.
    public var phase: Phase
    /// Where it is, or nil when the problem has no place in the source (a host's setting, a time limit).
    public var range: SourceRange?
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
    /// Why the run stopped, when a host acts on the reason (``Cause``); nil for every other diagnostic.
    public var cause: Cause?
    /// Secondary messages, rendered after the source excerpt.
    public var notes: [Note]
    /// Where the `on … { }` handler it happened in is written (its trigger), nil outside handlers: a handler's
    /// failure does not end the run, and is reported as it happens (docs/language.md, "Handlers").
    public var handler: SourceRange? = nil

    /// Makes a diagnostic.
    public init(_ severity: Severity = .error, phase: Phase, range: SourceRange?, message: String,
                hint: String? = nil, exchangeCode: Int? = nil, isUnexpectedEnd: Bool = false, outcomeUnknown: Bool = false,
                cause: Cause? = nil, notes: [Note] = []) {
        self.severity = severity
        self.phase = phase
        self.range = range
        self.message = message
        self.hint = hint
        self.exchangeCode = exchangeCode
        self.isUnexpectedEnd = isUnexpectedEnd
        self.outcomeUnknown = outcomeUnknown
        self.cause = cause
        self.notes = notes
    }

    /// `line:col: error: message` (without file name, source line or hint); `error: message` without a place.
    public var description: String {
        (range.map { "\($0.start): " } ?? "") + "\(severity.rawValue): \(message)"
    }
}
