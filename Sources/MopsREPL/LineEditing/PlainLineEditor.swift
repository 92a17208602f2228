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

    public var isInteractive: Bool { false }
    public var completer: Completer? {
        get { nil }
        set {}
    }

    public func readLine(prompt: String) -> LineRead {
        guard !closed, let line = nextLine() else { return .endOfInput }
        return .line(line)
    }

    public func remember(_ entry: String) {}
    public var history: [String] { [] }
    public func close() { closed = true }
}
