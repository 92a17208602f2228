import Foundation
import Mops
import MopsREPL

/// Writes what a script shows to stdout (text or JSON lines) and diagnostics to stderr.
/// Colour only when stderr is a terminal and `NO_COLOR` is unset.
struct ScriptOutput: Sendable {
    let format: OutputOptions.Format
    let color: Bool

    init(format: OutputOptions.Format, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.format = format
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        self.color = !noColor && isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
    }

    /// The sink handed to the interpreter.
    var sink: @Sendable (OutputEvent) -> Void {
        let format = self.format
        return { event in
            switch format {
            case .text:
                switch event {
                case .line(let text), .note(let text): ScriptOutput.write(text + "\n")
                case .table(let table): ScriptOutput.write(TableRenderer().render(table))
                case .liquidation(let notice): ScriptOutput.write(notice.text + "\n")
                }
            case .json:
                switch event {
                case .line(let text): ScriptOutput.writeJSON(["type": "print", "text": text])
                case .note(let text): ScriptOutput.writeJSON(["type": "note", "text": text.trimmingCharacters(in: .whitespaces)])
                case .table(let t): ScriptOutput.writeJSON(["type": "table", "title": t.title, "columns": t.columns, "rows": t.rows])
                case .liquidation(let n): ScriptOutput.writeJSON(ScriptOutput.json(n))
                }
            }
        }
    }

    /// The sink for diagnostics the interpreter reports: a handler's failure (which does not end the run) is shown
    /// at once — text on stderr, `-o json` a `diagnostic` line — and counted in `shown`, so
    /// ``finish(_:backend:alreadyShown:)`` does not show them twice.
    func diagnosticSink(counting shown: ShownCount) -> @Sendable (Diagnostic, Source) -> Void {
        let format = self.format, color = self.color
        return { diagnostic, source in
            guard diagnostic.handler != nil else { return }   // the others end the run: finish shows them
            shown.add()
            if format == .json {
                var o = ScriptOutput.json(diagnostic, file: source.name)
                o["type"] = "diagnostic"
                ScriptOutput.writeJSON(o)
            } else {
                ScriptOutput.writeError(DiagnosticRenderer(color: color).render([diagnostic], in: source))
            }
        }
    }

    /// Reports how the run ended: diagnostics on stderr (but the first `alreadyShown`, shown as they happened);
    /// in JSON mode also a final `result` object on stdout, with every diagnostic.
    func finish(_ outcome: RunOutcome, backend: String, alreadyShown: Int = 0) {
        let rendered = DiagnosticRenderer(color: color).render(Array(outcome.diagnostics.dropFirst(alreadyShown)), in: outcome.source)
        if !rendered.isEmpty { ScriptOutput.writeError(rendered) }
        if outcome.status == .compileError {
            let count = outcome.diagnostics.count
            ScriptOutput.writeError("\(count) error\(count == 1 ? "" : "s"); nothing was run and nothing was sent\n")
        }
        if case .runtimeError = outcome.status, !outcome.performed.isEmpty {
            ScriptOutput.writeError("already sent before the error: " + outcome.performed.joined(separator: "; ") + "\n")
        }
        guard format == .json else { return }
        let diagnostics = outcome.diagnostics.map { ScriptOutput.json($0, file: outcome.source.name) }
        ScriptOutput.writeJSON(["type": "result", "status": ScriptOutput.statusName(outcome.status), "exitCode": Int(outcome.exitCode),
                                "backend": backend, "performed": outcome.performed, "diagnostics": diagnostics])
    }

    /// A diagnostic's `-o json` form (without `type`).
    static func json(_ d: Diagnostic, file: String) -> [String: Any] {
        var o: [String: Any] = ["severity": d.severity.rawValue, "phase": d.phase.rawValue, "message": d.message, "file": file]
        if let range = d.range {   // absent when the diagnostic has no place in the source
            o["line"] = range.start.line
            o["column"] = range.start.column
        }
        if !d.notes.isEmpty { o["notes"] = d.notes.map(\.message) }
        if let hint = d.hint { o["hint"] = hint }
        if let code = d.exchangeCode { o["code"] = code }
        if d.outcomeUnknown { o["outcomeUnknown"] = true }
        return o
    }

    static func statusName(_ status: RunOutcome.Status) -> String {
        switch status {
        case .ok: return "ok"
        case .exited: return "exited"
        case .compileError: return "compileError"
        case .runtimeError: return "runtimeError"
        case .assertionFailed: return "assertionFailed"
        case .cancelled: return "cancelled"
        }
    }

    static func write(_ text: String) {
        StandardStream.output.write(text)
    }

    static func writeError(_ text: String) {
        StandardStream.error.write(text)
    }

    static func writeJSON(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        StandardStream.output.write(data + Data("\n".utf8))
    }
}

extension ScriptOutput {
    /// The `-o json` form of a liquidation: `{"type":"liquidation","account":…,"time":…,"sales":[…],…}` (decimals as strings).
    static func json(_ n: LiquidationNotice) -> [String: Any] {
        var object: [String: Any] = [
            "type": "liquidation", "account": n.account, "time": n.time,
            "sales": n.sales.map { ["symbol": $0.symbol, "side": $0.side, "qty": $0.quantity.description,
                                    "price": $0.price.description, "time": $0.time] as [String: Any] },
        ]
        if let level = n.marginLevelAfter { object["marginLevel"] = level.description }
        if let line = n.line { object["line"] = line }
        return object
    }
}
