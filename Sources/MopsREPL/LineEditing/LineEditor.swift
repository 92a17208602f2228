/// What one read from the line editor produced.
public enum LineRead: Sendable, Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the line being typed was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Reads input lines for the REPL: ``LibEditLineEditor`` on a terminal (editing, history,
/// completion), ``PlainLineEditor`` when stdin is a pipe or a file.
///
/// Line editors are used from the main actor only: libedit must read on the main thread, where
/// Ctrl-C interrupts it.
@MainActor
public protocol LineEditor: AnyObject {
    /// Whether a person is typing: then the REPL shows a banner and prompts, and runs each
    /// statement as it is entered; otherwise the whole input is a script.
    var isInteractive: Bool { get }
    /// What Tab completes with (ignored by editors without completion).
    var completer: Completer? { get set }
    /// Reads one line after showing `prompt`; text between two ``PromptText/invisibleMarker``
    /// characters is a terminal escape sequence that takes no width.
    func readLine(prompt: String) -> LineRead
    /// Adds a finished statement to the history (unless it looks like it carries a secret) and
    /// saves the history file.
    func remember(_ entry: String)
    /// The history, oldest first.
    var history: [String] { get }
    /// Restores the terminal and releases the editor; reads after this return ``LineRead/endOfInput``.
    func close()
}
