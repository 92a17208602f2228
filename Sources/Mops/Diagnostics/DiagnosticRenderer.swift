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

    /// Renders one diagnostic found in `source`, ending with a newline.
    public func render(_ diagnostic: Diagnostic, in source: Source) -> String {
        let start = diagnostic.range.start
        var header = "\(source.name):\(start.line):\(start.column): "
        let label = diagnostic.severity.rawValue
        header += color ? "\u{1B}[1;31m\(label):\u{1B}[0m " : "\(label): "
        var message = diagnostic.message
        if let code = diagnostic.exchangeCode { message += " (code \(code))" }
        header += color ? "\u{1B}[1m\(message)\u{1B}[0m" : message
        var out = header + "\n"
        let lineText = source.line(start.line)
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count + 2)
        if !lineText.isEmpty || start.line > 0 {
            out += " \(number) | \(lineText)\n"
            let scalars = Array(lineText.unicodeScalars)
            let caretColumn = max(1, min(start.column, scalars.count + 1))
            var width = 1
            if diagnostic.range.end.line == start.line {
                width = max(1, diagnostic.range.end.column - start.column)
            } else {
                width = max(1, scalars.count + 1 - caretColumn)
            }
            let marker = "^" + String(repeating: "~", count: width - 1)
            out += "\(gutter)| " + String(repeating: " ", count: caretColumn - 1)
                + (color ? "\u{1B}[1;32m\(marker)\u{1B}[0m" : marker) + "\n"
        }
        if let hint = diagnostic.hint {
            out += "\(gutter)= hint: \(hint)\n"
        }
        return out
    }

    /// Renders several diagnostics in order.
    public func render(_ diagnostics: [Diagnostic], in source: Source) -> String {
        diagnostics.map { render($0, in: source) }.joined()
    }
}
