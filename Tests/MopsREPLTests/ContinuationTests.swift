import Testing
@testable import MopsREPL

@Suite("Continuation")
struct ContinuationTests {
    @Test("open brackets and strings need more input", arguments: [
        "if marginLevel < 1.5 {",
        "print max(1,",
        "let xs = [1, 2,",
        "print \"unfinished",
        "every 5s {\n  print 1",
        "print \"a {max(1,",
        "if x { if y {\n}",
    ])
    func open(_ source: String) {
        #expect(InputBalance(source).needsMoreInput)
    }

    @Test("closed input is complete", arguments: [
        "print 1 + 1",
        "if marginLevel < 1.5 { repay all USDT }",
        "print \"a {b} c\"",
        "print \"quote \\\" inside\"",
        "print 1 # an open ( in a comment",
        "every 5s {\n  print 1\n}",
        "print 1)",           // a stray closer is the parser's to report
        "",
    ])
    func closed(_ source: String) {
        #expect(!InputBalance(source).needsMoreInput)
    }

    @Test("the innermost opener and where it opened")
    func innermost() {
        let balance = InputBalance("if x {\n  print max(1,")
        #expect(balance.open == [.bracket("{", line: 1, column: 6), .bracket("(", line: 2, column: 12)])
        #expect(InputBalance("print \"ab").innermost == .string(line: 1, column: 7))
    }

    @Test("a line whose first word is else continues an if chain", arguments: [
        ("else {", true), ("  else if x {", true), ("else", true), ("elsewhere = 1", false), ("print else", false), ("", false),
    ])
    func startsWithElse(_ line: String, _ expected: Bool) {
        #expect(PendingInput.startsWithElse(line) == expected)
    }

    @Test("an else line joins the closing brace's line, past its comment")
    func appendElse() {
        var input = PendingInput()
        input.append("if x {")
        input.append("} # then")
        input.isAwaitingElse = true
        input.appendElse("   else { print 1 }")
        #expect(input.lines == ["if x {", "} else { print 1 }"])
        #expect(!input.isAwaitingElse)
        input.isAwaitingElse = true
        input.clear()
        #expect(input.isEmpty && !input.isAwaitingElse)
    }

    @Test("a block becomes one history line that means the same")
    func historyEntry() {
        var input = PendingInput()
        for line in ["if marginLevel < 1.5 {", "  repay all USDT", "  print \"done\"", "}"] { input.append(line) }
        #expect(input.historyEntry == "if marginLevel < 1.5 { repay all USDT; print \"done\" }")
        #expect(input.source == "if marginLevel < 1.5 {\n  repay all USDT\n  print \"done\"\n}")

        var call = PendingInput()
        call.append("print max(1,")
        call.append("   2)")
        #expect(call.historyEntry == "print max(1, 2)")

        var text = PendingInput()
        text.append("print \"two")
        text.append("lines\"")
        #expect(text.historyEntry == "print \"two\nlines\"")
    }

    @Test("comments do not swallow the joined lines")
    func comments() {
        var input = PendingInput()
        input.append("every 1m {   # check the level")
        input.append("  print \"# not a comment {marginLevel}\"  # note")
        input.append("}  # done")
        #expect(input.historyEntry == "every 1m { print \"# not a comment {marginLevel}\" }  # done")
        #expect(PendingInput.strippingComment("print 1 # x") == "print 1")
        #expect(PendingInput.strippingComment("print \"a#b\"") == "print \"a#b\"")
    }

    @Test("blank and comment-only input has nothing to run")
    func blank() {
        var input = PendingInput()
        input.append("   ")
        input.append("# just a note")
        #expect(input.isBlank)
        input.append("print 1")
        #expect(!input.isBlank)
    }
}
