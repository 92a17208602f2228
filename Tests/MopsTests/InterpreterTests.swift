import BinanceMargin
import Foundation
import MarginSim
import Mops
import Synchronization
import Testing

/// The embedding API: configuration fields, programs, sessions, host functions, results.
@Suite("Interpreter")
struct InterpreterTests {
    @Test("a pure interpreter runs without a backend; account values say there is none")
    func noBackend() async {
        let out = Captured()
        let interpreter = pureInterpreter(out)
        let ok = await interpreter.run(Source(name: "t", text: "print 6 * 7"))
        #expect(ok.status == .ok)
        #expect(out.all == ["42"])
        let failed = await interpreter.run(Source(name: "t", text: "print marginLevel"))
        #expect(failed.status == .runtimeError)
        #expect(failed.diagnostics.first?.message.contains("no backend") == true)
        #expect(failed.exitCode == ExitStatus.runtimeError)
    }

    @Test("compile once, run many with inputs; variables come back")
    func programRunMany() async throws {
        let interpreter = pureInterpreter(Captured())
        let program = try await interpreter.compile(Source(name: "p", text: "let doubled = x * 2"), inputs: ["x"]).get()
        #expect(program.inputs == ["x"])
        for n in [1, 5, 21] {
            let outcome = await interpreter.run(program, inputs: ["x": .number(Number(n))])
            #expect(outcome.variables["doubled"] == .number(Number(n * 2)))
        }
    }

    @Test("compile errors are separate from runtime errors and list every problem")
    func compileVersusRuntime() async {
        let interpreter = pureInterpreter(Captured())
        let compile = await interpreter.run(Source(name: "c", text: "print nope\nwait 5"))
        #expect(compile.status == .compileError)
        #expect(compile.diagnostics.count == 2)
        #expect(compile.exitCode == 65)
        let runtime = await interpreter.run(Source(name: "r", text: "let z = 0\nprint 1 / z"))
        #expect(runtime.status == .runtimeError)
        #expect(runtime.diagnostics.first?.range?.start.line == 2)
        #expect(runtime.diagnostics.first?.phase == .runtime)
    }

    @Test("sessions keep variables and functions between chunks; a bad chunk changes nothing")
    func session() async {
        let out = Captured()
        let interpreter = pureInterpreter(out)
        _ = await interpreter.evaluate(Source(name: "<repl>", text: "let a = 2"))
        _ = await interpreter.evaluate(Source(name: "<repl>", text: "def sq(x) { return x * x }"))
        let bad = await interpreter.evaluate(Source(name: "<repl>", text: "let b = unknown"))
        #expect(bad.status == .compileError)
        _ = await interpreter.evaluate(Source(name: "<repl>", text: "print sq(a + 1)"))
        #expect(out.all == ["9"])
        #expect(await interpreter.variable("a") == .number(2))
        #expect(await interpreter.variable("b") == nil)
        _ = await interpreter.evaluate(Source(name: "<repl>", text: "let a = 10"))   // re-declaring is fine in a session
        #expect(await interpreter.variable("a") == .number(10))
        await interpreter.setVariable("limit", to: .number(3))
        _ = await interpreter.evaluate(Source(name: "<repl>", text: "print limit + 1"))
        #expect(out.all.last == "4")
        let words = await interpreter.completionWords
        #expect(words.contains("sq") && words.contains("marginLevel") && words.contains("borrow") && words.contains("isolated"))
    }

    @Test("chunk status: complete, needs more input, errors")
    func chunkStatus() {
        if case .complete = Interpreter.status(of: "print 1") {} else { Issue.record("print 1 should be complete") }
        for partial in ["if marginLevel < 1.5 {", "print (1 +", "def f(x) {\n  return x", "print [1,"] {
            if case .needsMoreInput = Interpreter.status(of: partial) {} else { Issue.record("\(partial) should need more input") }
        }
        if case .errors(let d) = Interpreter.status(of: "borrow 100 isolated BTCUSDT") {
            #expect(d.first?.message.contains("expected an asset") == true)
        } else {
            Issue.record("should be an error")
        }
    }

    @Test("host functions are called with values and documented in the builtin table")
    func hostFunctions() async {
        let seen = Mutex<[String]>([])
        let notify = Builtin.host("notify", arity: 1, summary: "Sends a message to the operator.") { args in
            seen.withLock { $0.append(args[0].description) }
            return .bool(true)
        }
        let out = Captured()
        let interpreter = Interpreter(configuration: .init(output: out.sink, hostFunctions: [notify]))
        let outcome = await interpreter.run(Source(name: "h", text: "let ok = notify(\"level {1 + 1}\")\nprint ok"))
        #expect(outcome.status == .ok)
        #expect(seen.withLock { $0 } == ["level 2"])
        #expect(out.all == ["true"])
        #expect(interpreter.builtinTable.contains { $0.name == "notify" && $0.summary.hasPrefix("Sends") })
        let arity = await interpreter.run(Source(name: "h", text: "notify(1, 2)"))
        #expect(arity.status == .compileError)
    }

    @Test("the step limit stops a runaway loop")
    func stepLimit() async {
        let interpreter = Interpreter(configuration: .init(stepLimit: 1000))
        let outcome = await interpreter.run(Source(name: "loop", text: "while true { }"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.diagnostics.first?.message.contains("step limit") == true)
    }

    @Test("read-only capability refuses mutations before anything runs")
    func readOnly() async throws {
        let rig = try Rig { $0.capabilities = .readOnly }
        let outcome = await rig.run("print free(USDT)\nborrow 10 USDT")
        #expect(outcome.status == .compileError)
        #expect(outcome.diagnostics.first?.message.contains("read-only") == true)
        #expect(rig.output.all.isEmpty)
        let reads = await rig.run("print free(USDT)")
        #expect(reads.status == .ok)
        #expect(rig.output.all == ["5000"])
    }

    @Test("sim statements are refused before anything runs on a live backend")
    func simOnLive() async {
        let interpreter = Interpreter(configuration: .init(backend: .live("live Binance"), capabilities: .all))
        let outcome = await interpreter.run(Source(name: "s", text: "print 1\nsim price BTCUSDT 1"))
        #expect(outcome.status == .compileError)
        #expect(outcome.diagnostics.first?.message.contains("simulator backend") == true)
    }

    @Test("the confirmation hook sees each mutation and can refuse it")
    func confirmation() async throws {
        let asked = Mutex<[String]>([])
        let rig = try Rig {
            $0.confirm = { action in
                asked.withLock { $0.append(action.summary) }
                return !action.summary.contains("200")
            }
        }
        let outcome = await rig.run("borrow 100 USDT\nborrow 200 USDT\nprint \"never\"")
        #expect(asked.withLock { $0 } == ["borrow 100 USDT", "borrow 200 USDT"])
        #expect(outcome.status == .runtimeError)
        #expect(outcome.diagnostics.first?.message == "refused: borrow 200 USDT")
        #expect(outcome.performed == ["borrow 100 USDT"])
        #expect(rig.output.all.isEmpty)
    }

    @Test("dry run reports the projected margin level after each mutation")
    func dryRunNotes() async throws {
        let rig = try Rig { $0.actionNotes = .projected }
        _ = await rig.run("borrow 1000 USDT")
        let notes = rig.output.allEvents.compactMap { event -> String? in
            if case .note(let text) = event { return text }
            return nil
        }
        #expect(notes.count == 1)
        #expect(notes.first?.contains("projected margin level") == true)
    }

    @Test("cancellation stops at a statement boundary and reports what was sent")
    func cancellation() async throws {
        let rig = try Rig()
        let task = Task { await rig.run("borrow 10 USDT\nprint \"sent\"\nwhile true { let x = 1 }") }
        // Cancel once the borrow is done (not after a guessed delay: a loaded machine can take longer).
        for _ in 0..<500 where !rig.output.all.contains("sent") { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        let outcome = await task.value
        #expect(outcome.status == .cancelled)
        #expect(outcome.exitCode == ExitStatus.interrupted)
        #expect(outcome.performed == ["borrow 10 USDT"])
        #expect(outcome.diagnostics.first?.message.contains("borrow 10 USDT") == true)
    }

    @Test("the clock drives wait and every; a late tick is skipped, not queued")
    func clock() async throws {
        let rig = try Rig()
        let outcome = await rig.run("""
        let t0 = now
        let ticks = []
        every 10s times 4 {
            ticks = ticks + [(now - t0) / 1000]
            if len(ticks) == 1 { wait 25s }
        }
        print ticks
        """)
        #expect(outcome.status == .ok)
        // Tick 1 at 0 s runs 25 s; ticks due at 10 s and 20 s are skipped; the next runs at 30 s.
        #expect(rig.output.all == ["[0, 30, 40, 50]"])
    }

    @Test("diagnostics render as file:line:col, the line, a caret range and the hint")
    func rendering() {
        let source = Source(name: "rebalance.mops", text: "let a = 1\nborrow 100 isolated BTCUSDT\n")
        let (_, diagnostics) = Interpreter.parse(source)
        let text = DiagnosticRenderer().render(diagnostics, in: source)
        #expect(text == """
        rebalance.mops:2:12: error: expected an asset after the amount, found 'isolated'
         2 | borrow 100 isolated BTCUSDT
           |            ^~~~~~~~
           = hint: borrow <amount> <ASSET> [isolated <SYMBOL>]

        """)
    }

    @Test("account values are read once per statement and read again after anything that changes the account")
    func freshValues() async throws {
        let reads = Mutex<[String]>([])
        let rig = try Rig(observing: { event in
            if case .sent(let request) = event { reads.withLock { $0.append(request.path) } }
        })
        let outcome = await rig.run("""
        print free(USDT), free(USDT) + locked(USDT), debt(USDT), netAsset(USDT), rate(USDT) == rate(USDT)
        borrow 100 USDT
        print free(USDT), debt(USDT) > 100, rate(USDT)
        """)
        #expect(outcome.status == .ok)
        #expect(rig.output.all == ["5000 5000 0 5000 true", "5100 true 0.00015"])
        // One read per statement that uses the values (not one per use), and none carried over to the next statement.
        let paths = reads.withLock { $0 }
        #expect(paths.filter { $0 == "/sapi/v1/margin/account" }.count == 2)
        #expect(paths.filter { $0 == "/sapi/v1/margin/interestRateHistory" }.count == 2)
    }

    @Test("a builtin's error about one argument points at that argument")
    func argumentCaret() async throws {
        let rig = try Rig()
        let outcome = await rig.run("print free(ETH, BTCUSDT)")
        let d = try #require(outcome.diagnostics.first)
        #expect(d.message == "ETH is not part of the pair BTCUSDT (BTC/USDT)")
        #expect(d.range?.start.column == 12)
        #expect(d.range?.end.column == 15)
    }

    @Test("values are exact decimals end to end")
    func exactness() async {
        let out = Captured()
        _ = await pureInterpreter(out).run(Source(name: "x", text: "let s = 0\nlet i = 0\nwhile i < 10 { s = s + 0.1; i = i + 1 }\nprint s, s == 1"))
        #expect(out.all == ["1 true"])
    }

    @Test("number overflow is a runtime error, not a trap")
    func overflow() async {
        let outcome = await pureInterpreter(Captured()).run(Source(name: "o", text: "let big = 99999999999999999999999999999999999999\nprint big * big"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.diagnostics.first?.message.contains("overflow") == true)
    }
}
