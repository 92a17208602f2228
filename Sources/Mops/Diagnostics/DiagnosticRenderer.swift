/// The one renderer of diagnostics as text, in the shape compilers use:
///
/// ```
/// rebalance.mops:4:12: error: expected an asset after the amount, found 'isolated'
///    4 | borrow 100 isolated BTCUSDT
///      |            ^~~~~~~~
///      = hint: borrow <amount> <ASSET> [isolated <SYMBOL>]
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes (off when `NO_COLOR` is set or output is not a terminal).
    public var color: Bool

    /// Makes a renderer; colour is off by default.
    public init(color: Bool = false) {
        self.color = color
    }

    /// Renders one diagnostic found in `source`, ending with a newline: the header, the source line with a caret
    /// (none when the diagnostic has no place), then its notes and hint.
    public func render(_ diagnostic: Diagnostic, in source: Source) -> String {
        var header = source.name + (diagnostic.range.map { ":\($0.start.line):\($0.start.column)" } ?? "") + ": "
        let label = diagnostic.severity.rawValue
        header += color ? "\u{1B}[1;31m\(label):\u{1B}[0m " : "\(label): "
        var message = diagnostic.message
        if let code = diagnostic.exchangeCode { message += " (code \(code))" }
        header += color ? "\u{1B}[1m\(message)\u{1B}[0m" : message
        let lines = ([diagnostic.range] + diagnostic.notes.map(\.range)).compactMap { $0?.start.line }
        let gutter = String(repeating: " ", count: String(lines.max() ?? 0).count + 2)
        var out = header + "\n"
        if let range = diagnostic.range { out += excerpt(range, in: source, gutter: gutter, caretColor: "1;32", label: nil) }
        for note in diagnostic.notes {
            if let range = note.range {
                out += excerpt(range, in: source, gutter: gutter, caretColor: "1;36", label: "note: " + note.message)
            } else {
                out += "\(gutter)= note: \(note.message)\n"
            }
        }
        if let hint = diagnostic.hint {
            out += "\(gutter)= hint: \(hint)\n"
        }
        return out
    }

    /// The source line of `range` and a caret under it (`^~~~`), followed by `label` when given; empty when the
    /// line is out of the source.
    private func excerpt(_ range: SourceRange, in source: Source, gutter: String, caretColor: String, label: String?) -> String {
        let start = range.start
        let lineText = source.line(start.line)
        guard !lineText.isEmpty || start.line > 0 else { return "" }
        let number = String(start.line)
        var out = String(repeating: " ", count: gutter.count - number.count - 1) + "\(number) | \(lineText)\n"
        let scalars = Array(lineText.unicodeScalars)
        let caretColumn = max(1, min(start.column, scalars.count + 1))
        let width: Int
        if range.end.line == start.line {
            width = max(1, range.end.column - start.column)
        } else {
            width = max(1, scalars.count + 1 - caretColumn)
        }
        let marker = "^" + String(repeating: "~", count: width - 1) + (label.map { " " + $0 } ?? "")
        out += "\(gutter)| " + String(repeating: " ", count: caretColumn - 1)
            + (color ? "\u{1B}[\(caretColor)m\(marker)\u{1B}[0m" : marker) + "\n"
        return out
    }

    /// Renders several diagnostics in order.
    public func render(_ diagnostics: [Diagnostic], in source: Source) -> String {
        diagnostics.map { render($0, in: source) }.joined()
    }
}
