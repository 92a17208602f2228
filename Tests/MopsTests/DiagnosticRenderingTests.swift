import Mops
import Testing

/// How a run ended is typed, never read from message text; a diagnostic without a place has no caret; notes are rendered.
@Suite("Diagnostics: places, notes and causes")
struct DiagnosticRenderingTests {
    @Test("a diagnostic without a place names the file only: no line, no column, no caret under column 1")
    func noPlace() {
        let diagnostic = Diagnostic(phase: .runtime, range: nil, message: "time limit of 50ms reached", hint: "nothing was sent")
        #expect(DiagnosticRenderer().render(diagnostic, in: Source(name: "x.mops", text: "print 1")) == """
            x.mops: error: time limit of 50ms reached
               = hint: nothing was sent

            """)
        #expect(diagnostic.description == "error: time limit of 50ms reached")
    }

    @Test("the parser's note on an unclosed block is rendered under the place it points at")
    func parserNote() async {
        let source = Source(name: "open.mops", text: "let x = 1\nif x > 0 {\n  print x\n")
        let diagnostics = await Interpreter().check(source)
        #expect(diagnostics.first?.notes == [Diagnostic.Note("the block opens here", at: diagnostics.first?.notes.first?.range)])
        #expect(DiagnosticRenderer().render(diagnostics, in: source) == """
            open.mops:4:1: error: expected '}' to close the block opened at line 2
             4 | 
               | ^
             2 | if x > 0 {
               |          ^ note: the block opens here

            """)
    }

    @Test("notes without a place are rendered as `= note:` lines; the gutter fits the widest line number")
    func notesWithoutPlace() {
        let text = (1...12).map { "print \($0)" }.joined(separator: "\n")
        let diagnostic = Diagnostic(phase: .runtime, range: SourceRange(SourceLocation(line: 9, column: 7, offset: 0), SourceLocation(line: 9, column: 8, offset: 0)),
                                    message: "m", hint: "h",
                                    notes: [Diagnostic.Note("first"), Diagnostic.Note("there", at: SourceRange(SourceLocation(line: 12, column: 1, offset: 0),
                                                                                                               SourceLocation(line: 12, column: 6, offset: 0)))])
        #expect(DiagnosticRenderer().render(diagnostic, in: Source(name: "n.mops", text: text)) == """
            n.mops:9:7: error: m
              9 | print 9
                |       ^
                = note: first
             12 | print 12
                | ^~~~~ note: there
                = hint: h

            """)
    }

    @Test("the time limit is a typed cause; a message that merely reads like one is not")
    func timeLimitCause() async {
        let outcome = await Interpreter(configuration: .init(timeLimitMilliseconds: 1)).run(Source(name: "t.mops", text: "let i = 0\nwhile true {\n    i = i + 1\n}"))
        #expect(outcome.runtimeError?.cause == .timeLimit, "\(outcome.status) \(outcome.diagnostics)")
        #expect(outcome.exitCode == ExitStatus.runtimeError)
        let watchdog = await Interpreter(configuration: .init(timeLimitMilliseconds: 5_000)).run(Source(name: "w.mops", text: "wait 1h"))
        #expect(watchdog.runtimeError?.cause == .timeLimit)
        let lookalike = Builtin.host("look", arity: 0, summary: "Fails with text that reads like the backend's.") { _ in
            throw BuiltinError("backend unavailable: not really")
        }
        let host = await Interpreter(configuration: .init(hostFunctions: [lookalike])).run(Source(name: "l.mops", text: "look()"))
        #expect(host.runtimeError?.message == "backend unavailable: not really")
        #expect(host.runtimeError?.cause == nil)
        #expect(host.exitCode == ExitStatus.runtimeError)   // 70, not 69: the status is not read from the text
    }
}
