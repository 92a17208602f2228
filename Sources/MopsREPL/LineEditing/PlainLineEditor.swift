/// Reads lines from a pipe or file: no prompt, no editing, no history, no completion.
///
/// Used when stdin is not a terminal, so `mops < script.mops` and `echo 'print 1+1' | mops` read a
/// script and never touch the history file.
@MainActor
public final class PlainLineEditor: LineEditor {
    private let nextLine: () -> String?
    private var closed = false

    /// Reads from standard input.
    public convenience init() {
        self.init(lines: { Swift.readLine(strippingNewline: true) })
    }

    /// Reads from `lines` until it returns nil (tests pass canned input).
    public init(lines: @escaping () -> String?) {
        self.nextLine = lines
    }

    /// Always false: piped input is a script.
    public var isInteractive: Bool { false }
    /// What Tab completes with.
    public var completer: Completer? {
        get { nil }
        set {}
    }

    /// Reads one line (see ``LineEditor/readLine(prompt:)``).
    public func readLine(prompt: String) -> LineRead {
        guard !closed, let line = nextLine() else { return .endOfInput }
        return .line(line)
    }

    /// Does nothing: piped input has no history.
    public func remember(_ entry: String) {}
    /// Always empty.
    public var history: [String] { [] }
    /// Stops reading.
    public func close() { closed = true }
}
