import BinanceMargin
import MarginSim
import Mops
import Testing
@testable import MopsREPL

/// The REPL's adapter over the real interpreter, on an in-process simulator.
@Suite("InterpreterEngine")
struct InterpreterEngineTests {
    let out = Capture()

    func connection(_ simulator: MarginSimulator = MarginSimulator(), paced: Bool = false) throws -> InterpreterEngine.Connection {
        let client = try MarginClient(configuration: .init(
            transport: InProcessTransport(simulator: simulator),
            credentials: try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
        let clock: any InterpreterClock = paced ? PacedSimulatorClock(client: client) : SimulatorClock(client: client)
        return .init(client: client, name: "simulator (test)", clock: clock)
    }

    func engine(label: BackendLabel = .simulator, paced: Bool = false) throws -> InterpreterEngine {
        let real = try connection(paced: paced)
        return InterpreterEngine(connection: real, label: label, output: out.sink, makePlanConnection: {
            let copy = try MarginSimulator(snapshot: try await real.client.simState())
            return try connection(copy)
        })
    }

    let refuse: ConfirmationHook = { _ in false }

    @Test("a session keeps variables between inputs; expressions print")
    func session() async throws {
        let engine = try engine()
        #expect(await engine.execute("let x = 2", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(await engine.execute("print x * 21", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(out.text == "42\n")
        #expect(await engine.variables() == [VariableSummary(name: "x", value: "2")])
    }

    @Test("a lone expression prints its value; its errors point at the text as typed")
    func loneExpression() async throws {
        let engine = try engine()
        #expect(await engine.execute("1 + 1", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(await engine.execute("price(BTCUSDT) * 0", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(out.text == "2\n0\n")
        let failed = await engine.execute("1 + nosuch", origin: "<repl>", confirm: refuse)
        let text = failed.renderedDiagnostics()
        guard failed.status == .compileError else {
            Issue.record("expected a failure")
            return
        }
        #expect(text.contains("<repl>:1:5"))
        #expect(!text.contains("print"))
    }

    @Test("errors come back rendered with the place and a hint; the session goes on")
    func errors() async throws {
        let engine = try engine()
        let failed = await engine.execute("print nosuchname", origin: "<repl>", confirm: refuse)
        let text = failed.renderedDiagnostics()
        guard failed.status == .compileError else {
            Issue.record("expected a failure")
            return
        }
        #expect(text.contains("<repl>:1:7"))
        #expect(text.contains("nosuchname"))
        #expect(await engine.execute("print 1", origin: "<repl>", confirm: refuse).status == .ok)
    }

    @Test("a mistyped statement keyword: the whole answer names the statement it resembles")
    func mistypedKeyword() async throws {
        let engine = try engine()
        let failed = await engine.execute("borow 10 USDT", origin: "<repl>", confirm: refuse)
        let text = failed.renderedDiagnostics()
        guard failed.status == .compileError else {
            Issue.record("expected a failure")
            return
        }
        #expect(text == """
        <repl>:1:1: error: unknown statement 'borow' — did you mean 'borrow'?
         1 | borow 10 USDT
           | ^~~~~
           = hint: borrow <amount> | <pct>% <ASSET> [isolated <SYMBOL>]

        """)
        #expect(await engine.execute("let borrows = 1", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(await engine.execute("borrows = 3", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(await engine.execute("borrows", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(out.text == "3\n")
    }

    @Test("only an unexpected end of input asks for more")
    func continuation() async throws {
        let engine = try engine()
        #expect(await engine.needsMoreInput("if 1 < 2 {"))
        #expect(await engine.needsMoreInput("print 1 +"))
        #expect(!(await engine.needsMoreInput("print 1")))
        #expect(!(await engine.needsMoreInput("print )")))
    }

    @Test("an if chain without a final else can take an else line; the joined chain runs")
    func openIf() async throws {
        let engine = try engine()
        #expect(await engine.endsWithOpenIf("if 1 > 2 {\n  print 1\n}"))
        #expect(await engine.endsWithOpenIf("let a = 1\nif a > 2 {\n} else if a > 1 {\n}"))
        #expect(!(await engine.endsWithOpenIf("if 1 > 2 {\n} else {\n}")))
        #expect(!(await engine.endsWithOpenIf("if 1 > 2 {\n}\nprint 1")))
        #expect(!(await engine.endsWithOpenIf("if 1 > 2 {")))
        #expect(await engine.execute("if 1 > 2 {\n  print 1\n} else {\n  print 2\n}", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(out.text == "2\n")
    }

    @Test("help for statements and builtins, with examples; words for completion")
    func help() async throws {
        let engine = try engine()
        let borrow = try #require(await engine.help(topic: "borrow"))
        #expect(borrow.contains("example: borrow 100 USDT"))
        #expect(await engine.help(topic: "price")?.contains("price(") == true)
        #expect(await engine.help(topic: "zzz") == nil)
        let topics = await engine.helpTopics()
        for statement in StatementHelp.all + StatementHelp.handlerStatements {
            #expect(topics.contains(statement.name))
            // `:help <statement>` shows an example that is a complete statement.
            #expect(await engine.help(topic: statement.name)?.contains("example: \(statement.example)") == true)
            if case .errors(let found) = Interpreter.status(of: statement.example) {
                Issue.record("the example of \(statement.name) does not parse: \(found.map(\.message))")
            }
        }
        let words = await engine.languageWords()
        #expect(words.statementKeywords.contains("sim"))
        #expect(words.builtins["price"] == [.symbol])
        #expect(words.builtins["free"]?.first == .asset)
    }

    @Test("the account summary and margin level follow the account; codes come from exchangeInfo")
    func account() async throws {
        let engine = try engine()
        let before = await engine.accountStatus()
        #expect(before.marginLevel == nil)
        #expect(before.summary.contains("no debt"))
        #expect(await engine.execute("borrow 100 USDT", origin: "<repl>", confirm: refuse).status == .ok)
        let after = await engine.accountStatus()
        #expect(after.marginLevel != nil)
        #expect(after.summary.contains("USDT"))
        // `show` prints a table.
        #expect(await engine.execute("show loans", origin: "<repl>", confirm: refuse).status == .ok)
        let table = out.text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(table.contains { $0.starts(with: ["account", "asset", "borrowed"]) })
        #expect(table.contains { $0.starts(with: ["cross", "USDT", "100"]) })
        let codes = await engine.marketCodes()
        #expect(codes.symbols.contains("BTCUSDT"))
        #expect(codes.assets.contains("USDT"))
    }

    @Test("each request that succeeds prints one line: what was done, its id, the margin level after of the account concerned")
    func successLines() async throws {
        let engine = try engine()
        let script = [
            "borrow 100 USDT", "transfer 50 USDT from margin to isolated BTCUSDT", "borrow 10 USDT isolated BTCUSDT",
            "let o = buy 0.01 BTCUSDT limit 1000", "cancel o", "repay 40 USDT", "let p = buy 0.01 BTCUSDT limit 1000",
            "let q = buy 0.01 BTCUSDT limit 1001", "cancel all BTCUSDT", "repay all USDT isolated BTCUSDT", "let x = 1", "print x",
        ]
        for line in script {
            #expect(await engine.execute(line, origin: "<repl>", confirm: refuse).status == .ok, "\(line)")
        }
        #expect(out.text == """
            borrowed 100 USDT (tranId 100000001); margin level 110.9993 (cross)
            transferred 50 USDT from margin to isolated BTCUSDT (tranId 100000003); margin level 999 (isolated BTCUSDT)
            borrowed 10 USDT isolated BTCUSDT (tranId 100000004); margin level 105.9993 (isolated BTCUSDT)
            placed buy 0.01 BTCUSDT LIMIT price 1000 (order 1000001 NEW); margin level 110.4993 (cross)
            cancelled order 1000001 BTCUSDT; margin level 110.4993 (cross)
            repaid 40 USDT (tranId 100000006); margin level 183.498 (cross)
            placed buy 0.01 BTCUSDT LIMIT price 1000 (order 1000002 NEW); margin level 183.498 (cross)
            placed buy 0.01 BTCUSDT LIMIT price 1001 (order 1000003 NEW); margin level 183.498 (cross)
            cancelled all BTCUSDT (2 orders: 1000002, 1000003); margin level 183.498 (cross)
            repaid 10.0000625 USDT isolated BTCUSDT (tranId 100000007); margin level 999 (isolated BTCUSDT)
            1

            """)
    }

    @Test("a request that fails prints no success line; one that was refused neither")
    func noLineOnFailure() async throws {
        let engine = try engine(label: .live)
        guard await engine.execute("borrow 100 USDT", origin: "<repl>", confirm: refuse).status == .runtimeError else {
            Issue.record("expected the refusal to stop the statement")
            return
        }
        guard await engine.execute("repay 1 BTC", origin: "<repl>", confirm: { _ in true }).status == .runtimeError else {
            Issue.record("expected the repay of nothing owed to fail")
            return
        }
        #expect(out.text.isEmpty, "\(out.text)")
    }

    @Test("scripts stay quiet: a whole script run by the engine prints no success lines")
    func scriptsStayQuiet() async throws {
        let engine = try engine()
        #expect(await engine.runScript("borrow 100 USDT\nrepay 100 USDT", origin: "<stdin>") == 0)
        #expect(out.text.isEmpty, "\(out.text)")
    }

    @Test("plan mode runs on a copy: the real account does not change")
    func planMode() async throws {
        let engine = try engine()
        #expect(await engine.execute("let keep = 7", origin: "<repl>", confirm: refuse).status == .ok)
        guard case .success = await engine.setPlanMode(true) else { Issue.record("plan mode refused"); return }
        #expect(await engine.execute("borrow 100 USDT", origin: "<repl>", confirm: refuse).status == .ok)
        #expect(await engine.variables().contains(VariableSummary(name: "keep", value: "7")))
        _ = await engine.setPlanMode(false)
        #expect(await engine.accountStatus().marginLevel == nil)
    }

    @Test(":reset restores the scenario and clears variables")
    func reset() async throws {
        let engine = try engine()
        #expect(await engine.execute("let y = 1\nborrow 100 USDT", origin: "<repl>", confirm: refuse).status == .ok)
        guard case .success = await engine.reset() else { Issue.record("reset refused"); return }
        #expect(await engine.variables().isEmpty)
        #expect(await engine.accountStatus().marginLevel == nil)
    }

    /// A transport that lets `/sim/reset` execute and then loses its answer (`lose`), or refuses it unsent.
    final class ResetFaultTransport: Transport, Sendable {
        let inner: any Transport
        let lose: Bool
        init(inner: any Transport, lose: Bool) { self.inner = inner; self.lose = lose }
        var isSimulator: Bool { inner.isSimulator }
        func send(_ request: TransportRequest) async throws -> TransportResponse {
            guard request.path == "/sim/reset" else { return try await inner.send(request) }
            guard lose else { throw TransportError.connectionFailed("connection refused (test)") }
            _ = try await inner.send(request)
            throw TransportError.connectionLost("the answer was lost (test)")
        }
    }

    @Test(":reset whose answer was lost says the reset may have happened, not that it was refused", arguments: [true, false])
    func resetWithoutAnswer(_ lose: Bool) async throws {
        let client = try MarginClient(configuration: .init(
            transport: ResetFaultTransport(inner: InProcessTransport(simulator: MarginSimulator()), lose: lose),
            credentials: try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
        let engine = InterpreterEngine(connection: .init(client: client, name: "simulator (test)", clock: SimulatorClock(client: client)),
                                       label: .simulator, output: out.sink, makePlanConnection: { throw CancellationError() })
        #expect(await engine.execute("let y = 1", origin: "<repl>", confirm: refuse).status == .ok)
        guard case .failure(let error) = await engine.reset() else { Issue.record("expected a failure"); return }
        #expect(!error.message.contains("refused the reset"), "\(error.message)")
        if lose {
            #expect(error.message.hasPrefix("the reset may have happened"), "\(error.message)")
            #expect(error.message.contains("run :reset again"))
        } else {
            #expect(error.message.hasPrefix("the simulator could not be reached; nothing was reset"), "\(error.message)")
        }
        #expect(await engine.variables() == [VariableSummary(name: "y", value: "1")])
    }

    @Test("on a live backend each change asks first; a refusal sends nothing")
    func liveConfirmation() async throws {
        let engine = try engine(label: .live)
        let asked = Capture()
        let refused = await engine.execute("borrow 100 USDT", origin: "<repl>", confirm: { plan in
            asked.sink.write(plan + "\n")
            return false
        })
        guard refused.status == .runtimeError else { Issue.record("expected the refusal to stop the statement"); return }
        #expect(asked.text.contains("borrow 100 USDT"))
        #expect(await engine.accountStatus().marginLevel == nil)
        #expect(await engine.execute("borrow 100 USDT", origin: "<repl>", confirm: { _ in true }).status == .ok)
        #expect(await engine.accountStatus().marginLevel != nil)
        guard case .failure = await engine.reset() else { Issue.record(":reset must be refused on live"); return }
    }

    @Test("cancelling a running statement reports it as interrupted")
    func cancellation() async throws {
        let engine = try engine(paced: true)
        let running = Task { await engine.execute("wait 1h", origin: "<repl>", confirm: refuse) }
        try await Task.sleep(for: .milliseconds(100))
        running.cancel()
        let outcome = await running.value
        #expect(outcome.status == .cancelled)
        #expect(outcome.performed.isEmpty)
    }

    @Test("an interrupted statement lists the requests it already sent")
    func cancellationAfterSending() async throws {
        let engine = try engine(paced: true)
        let running = Task { await engine.execute("borrow 100 USDT\nwait 1h", origin: "<repl>", confirm: refuse) }
        // Bounded, and sending nothing: the borrow's success line says it was sent. (Polling the account once spent
        // the simulator's request weight under load: the paced clock stands still during `wait 1h`, every read then failed.)
        var polls = 0
        while !out.text.contains("borrowed 100 USDT"), polls < 600 {
            polls += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        running.cancel()
        try #require(polls < 600, "the borrow was not reported within 60 s")
        let outcome = await running.value
        guard outcome.status == .cancelled else { Issue.record("expected an interruption"); return }
        let sent = outcome.performed
        #expect(sent.count == 1)
        #expect(sent.first?.contains("borrow 100 USDT") == true || sent.first?.contains("/sapi/v1/margin/borrow-repay") == true)
    }
}
