import Testing
@testable import MopsREPL

@MainActor
@Suite("REPL session")
struct REPLTests {
    let out = Capture()
    let err = Capture()

    func session(_ editor: ScriptedLineEditor, backend: BackendLabel = .simulator,
                 interrupts: any InterruptSource = ManualInterrupts(),
                 files: [String: String] = [:]) -> (REPL, FakeEngine) {
        let engine = FakeEngine(backend: backend, output: out.sink)
        let repl = REPL(engine: engine, editor: editor, version: "1.2.3", output: out.sink, errors: err.sink,
                        interrupts: interrupts, listFiles: { _ in [] },
                        readFile: { path in
                            guard let text = files[path] else { throw REPLEngineError("no such file") }
                            return text
                        })
        return (repl, engine)
    }

    @Test("banner shows version, backend and account; prompt shows backend and margin level")
    func bannerAndPrompt() async {
        let editor = ScriptedLineEditor(lines: ["print hi"])
        let (repl, _) = session(editor)
        let code = await repl.run()
        #expect(code == 0)
        #expect(out.text.hasPrefix("mops 1.2.3 [SIM] the embedded simulated exchange"))
        #expect(out.text.contains("cross margin: debt 100 USDT, margin level 3.456\n"))
        #expect(out.text.contains("hi\n"))
        #expect(editor.prompts == ["mops[SIM] ML 3.45> ", "mops[SIM] ML 3.45> "])
        #expect(editor.closed)
    }

    @Test("an open block continues on the continuation prompt and runs when it closes")
    func multiLine() async {
        let editor = ScriptedLineEditor(lines: ["if marginLevel < 1.5 {", "  repay all USDT", "}", "print x then", "y"])
        let (repl, engine) = session(editor)
        _ = await repl.run()
        let executed = await engine.executed
        #expect(executed == ["if marginLevel < 1.5 {\n  repay all USDT\n}", "print x then\ny"])
        #expect(editor.prompts.dropFirst().first == "...> ")
        #expect(editor.prompts[4] == "...> ")   // the engine said "unexpected end of input"
        #expect(editor.remembered == ["if marginLevel < 1.5 { repay all USDT }", "print x then; y"])
    }

    @Test("a multi-line if waits for one more line: else continues it, anything else runs it first")
    func elseOnTheNextLine() async {
        let editor = ScriptedLineEditor(lines: [
            "if x {", "print a", "}", "  else {  # the other branch", "print b", "}", "",
            "if y {", "}", ":vars",
            "if z { print c }",
        ])
        let (repl, engine) = session(editor)
        #expect(await repl.run() == 0)
        #expect(await engine.executed == [
            "if x {\nprint a\n} else {  # the other branch\nprint b\n}",
            "if y {\n}",
            "if z { print c }",     // one line: runs at once
        ])
        // After each closing `}` of a multi-line if the prompt stays a continuation prompt.
        #expect(editor.prompts[3] == "...> ")
        #expect(editor.prompts[6] == "mops[SIM] ML 3.45> ")   // the empty line that ran the chain
        #expect(editor.prompts[9] == "...> ")                 // `:vars` ran `if y` first, then itself
        #expect(out.text.contains("No variables yet"))
        #expect(editor.remembered == ["if x { print a } else { print b }", "if y { }", ":vars", "if z { print c }"])
    }

    @Test("Ctrl-C drops an if that waits for else; Ctrl-D leaves without running it")
    func elseWaitInterrupted() async {
        let editor = ScriptedLineEditor([.line("if x {"), .line("}"), .interrupted, .line("print after"),
                                         .line("if y {"), .line("}"), .endOfInput])
        let (repl, engine) = session(editor)
        #expect(await repl.run() == 0)
        #expect(await engine.executed == ["print after"])
    }

    @Test("an error never ends the session")
    func errorsContinue() async {
        let editor = ScriptedLineEditor(lines: ["fail", "print still here"])
        let (repl, _) = session(editor)
        #expect(await repl.run() == 0)
        #expect(err.text == "<repl>: error: something failed\n")   // no place in the source: no line, no caret
        #expect(out.text.contains("still here\n"))
    }

    @Test("Ctrl-C clears the pending input; Ctrl-D exits")
    func controlKeys() async {
        let editor = ScriptedLineEditor([.line("if x {"), .interrupted, .line("print after"), .endOfInput, .line("print never")])
        let (repl, engine) = session(editor)
        #expect(await repl.run() == 0)
        #expect(await engine.executed == ["print after"])
        #expect(editor.prompts[2] == "mops[SIM] ML 3.45> ")
    }

    @Test("Ctrl-C interrupts a running statement and says which requests were sent")
    func interruptRunning() async {
        let interrupts = ManualInterrupts()
        let editor = ScriptedLineEditor(lines: ["slow", "print next"])
        let (repl, _) = session(editor, interrupts: interrupts)
        let presser = Task.detached {
            while true {
                try? await Task.sleep(for: .milliseconds(10))
                interrupts.interrupt()
                if Task.isCancelled { return }
            }
        }
        _ = await repl.run()
        presser.cancel()
        #expect(out.text.contains("\ninterrupted.\nAlready sent (1 request that changed the account):\n  POST /sapi/v1/margin/loan asset=USDT amount=1\n"))
        #expect(out.text.contains("next\n"))
    }

    @Test("exit ends the session with its code")
    func exitCode() async {
        let (repl, _) = session(ScriptedLineEditor(lines: ["exit 3", "print never"]))
        #expect(await repl.run() == 3)
        #expect(!out.text.contains("never"))
    }

    @Test("live mutations ask y/N; only yes sends")
    func liveConfirmation() async {
        let editor = ScriptedLineEditor(lines: ["live", "n", "live", "y", "live", ""])
        let (repl, engine) = session(editor, backend: .live)
        _ = await repl.run()
        #expect(await engine.confirmations == [false, true, false])
        #expect(out.text.components(separatedBy: "POST /sapi/v1/margin/order symbol=BTCUSDT").count == 4)
        #expect(out.text.components(separatedBy: "Not sent.").count == 3)
        #expect(editor.prompts.filter { $0 == "Send to Binance LIVE? [y/N] " }.count == 3)
        #expect(editor.prompts.first == "mops[LIVE] ML 3.45> ")
    }

    @Test("with colour on, the prompt paints [LIVE] and the margin level; the confirmation prompt stays plain")
    func colouredPrompt() async {
        let editor = ScriptedLineEditor(lines: ["live", "n"])
        let engine = FakeEngine(backend: .live, output: out.sink)
        let repl = REPL(engine: engine, editor: editor, version: "1.2.3", output: out.sink, errors: err.sink,
                        interrupts: ManualInterrupts(), listFiles: { _ in [] }, color: true)
        _ = await repl.run()
        #expect(editor.prompts.first == PromptText(backend: .live, marginLevel: "3.456", color: true).main)
        #expect(editor.prompts.first?.contains("\u{1B}[1;31m") == true)
        #expect(editor.prompts.contains("Send to Binance LIVE? [y/N] "))
    }

    @Test("meta commands: help, vars, history, backend, plan, reset, load, quit")
    func metaCommands() async {
        let editor = ScriptedLineEditor(lines: [
            ":help", ":help borrow", ":help nosuch", "let a = 5", ":vars", ":history", ":backend",
            ":plan on", ":plan maybe", ":reset", ":vars", ":load good.mops", ":load missing.mops", ":load",
            ":h", ":frobnicate", ":q", "print never",
        ])
        let (repl, engine) = session(editor, files: ["good.mops": "print loaded"])
        #expect(await repl.run() == 0)
        let text = out.text
        for command in MetaCommand.all { #expect(text.contains(command.usage)) }
        #expect(text.contains("example: borrow 100 USDT"))
        #expect(err.text.contains("error: no help for `nosuch`"))
        #expect(text.contains("a = 5\n"))
        #expect(text.contains("1  :help\n"))
        #expect(text.contains("[SIM] the embedded simulated exchange"))
        #expect(text.contains("plan mode on: nothing will be sent"))
        #expect(editor.prompts.contains("mops[SIM] plan ML 3.45> "))
        #expect(err.text.contains("error: :plan takes on or off"))
        #expect(text.contains("simulator reset"))
        #expect(text.contains("No variables yet"))
        #expect(text.contains("loaded\n"))
        #expect(err.text.contains("error: cannot read missing.mops"))
        #expect(err.text.contains("error: :load needs a file name, e.g. :load examples/keep_margin_level.mops"))
        #expect(err.text.contains("error: :h could mean :help or :history"))
        #expect(err.text.contains("error: unknown command :frobnicate"))
        #expect(!text.contains("never"))
        #expect(await engine.resets == 1)
        #expect(await engine.planMode)
    }

    @Test(":reset is refused on a live backend")
    func resetLive() async {
        let (repl, engine) = session(ScriptedLineEditor(lines: [":reset"]), backend: .live)
        _ = await repl.run()
        #expect(err.text.contains("error: :reset works on the simulator only"))
        #expect(await engine.resets == 0)
    }

    @Test("completion knows the exchange's codes, the variables and the meta commands")
    func completerWiring() async {
        let editor = ScriptedLineEditor(lines: ["let floor2 = 1"])
        let (repl, _) = session(editor)
        _ = await repl.run()
        let completer = try! #require(editor.completer)
        #expect(completer.complete(line: "borrow 1 US", cursor: 11).insertion == "DT ")
        #expect(completer.complete(line: "print flo", cursor: 9).words == ["floor", "floor2"])
        #expect(completer.complete(line: ":ba", cursor: 3).insertion == "ckend ")
    }

    @Test("piped input is one script: no banner, no prompt, no history")
    func pipedScript() async {
        let editor = ScriptedLineEditor(lines: ["print 1+1", "print 2"], interactive: false)
        let (repl, engine) = session(editor)
        #expect(await repl.run() == 0)
        #expect(out.text.isEmpty)
        #expect(editor.prompts.allSatisfy { $0.isEmpty })
        #expect(editor.remembered.isEmpty)
        let scripts = await engine.scripts
        #expect(scripts.map(\.source) == ["print 1+1\nprint 2"])
        #expect(scripts.map(\.origin) == ["<stdin>"])

        let failing = ScriptedLineEditor(lines: ["fail"], interactive: false)
        let (repl2, _) = session(failing)
        #expect(await repl2.run() == 70)
    }

    @Test("blank lines and comments run nothing")
    func blankLines() async {
        let editor = ScriptedLineEditor(lines: ["", "   ", "# note"])
        let (repl, engine) = session(editor)
        _ = await repl.run()
        #expect(await engine.executed.isEmpty)
    }
}
