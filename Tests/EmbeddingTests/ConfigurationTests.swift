import BinanceMargin
import Foundation
import MarginSim
import Mops
import Testing

/// One test per field of `Interpreter.Configuration`, each showing the default and a set value.
@Suite("Embedding: configuration")
struct ConfigurationTests {
    @Test("default configuration: pure, no backend; account values fail with 'no backend'")
    func defaults() async {
        let interpreter = Interpreter()
        let pure = await interpreter.run(Source(name: "pure.mops", text: "let x = 2 * 21"))
        #expect(pure.status == .ok)
        #expect(pure.variables["x"] == .number(42))
        let account = await interpreter.run(Source(name: "account.mops", text: "let m = marginLevel"))
        #expect(account.status == .runtimeError)
        #expect(account.runtimeError?.message.contains("no backend") == true)
    }

    @Test("backend: statements go to the configured simulator, and connect(to:) derives the kind and the clock from the client")
    func clientAndBackend() async throws {
        let sim = try SimulatorBackend()
        var configuration = Interpreter.Configuration()
        configuration.connect(to: sim.client, name: "test simulator")
        #expect(configuration.backend.kind == .simulator && configuration.backend.name == "test simulator")
        #expect(configuration.client === sim.client)
        #expect(configuration.clock is SimulatorClock)
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "b.mops", text: "borrow 125 USDT"))
        #expect(outcome.status == .ok)
        #expect(outcome.performed == ["borrow 125 USDT"])
        #expect(try await sim.debt("USDT") == Number(125))
        #expect(sim.transport.mutations == ["POST /sapi/v1/margin/borrow-repay"])

        let live = try SimulatorBackend(posingAs: "https://api.binance.com")
        let liveConfiguration = Interpreter.Configuration().connected(to: live.client)
        #expect(liveConfiguration.backend.kind == .live && liveConfiguration.backend.name == "live Binance")
        #expect(liveConfiguration.clock is WallClock)
    }

    @Test("output: print lines, show tables and plan notes reach the sink in order")
    func output() async throws {
        let sim = try SimulatorBackend()
        let lines = Recorder<String>()
        let interpreter = Interpreter(configuration: Interpreter.Configuration(output: lineSink(lines)).connected(to: sim.client))
        let outcome = await interpreter.run(Source(name: "o.mops", text: "print \"a\", 2\nshow balances\nprint \"b\""))
        #expect(outcome.status == .ok)
        #expect(lines.all.count == 3)
        #expect(lines.all.first == "a 2")
        #expect(lines.all.last == "b")
        #expect(lines.all[1].hasPrefix("table: "))
    }

    @Test("diagnostics: compile errors and the runtime error reach the sink with their source")
    func diagnosticsSink() async {
        let seen = Recorder<String>()
        let interpreter = Interpreter(configuration: .init(diagnostics: { diagnostic, source in
            seen.record("\(source.name) \(diagnostic.phase.rawValue) \(diagnostic.range.map { "\($0.start)" } ?? "no place")")
        }))
        let compile = await interpreter.run(Source(name: "bad.mops", text: "let x = \nprint y"))
        #expect(compile.status == .compileError)
        #expect(seen.all.count == compile.diagnostics.count)
        #expect(seen.all.allSatisfy { $0.hasPrefix("bad.mops ") })
        let runtime = await interpreter.run(Source(name: "zero.mops", text: "let a = 0\nlet b = 1 / a"))
        #expect(runtime.status == .runtimeError)
        #expect(seen.all.last == "zero.mops runtime 2:9")
    }

    @Test("confirm: each mutating request is shown to the hook before it is sent; approved ones are sent")
    func confirmApproves() async throws {
        let sim = try SimulatorBackend()
        let asked = Recorder<String>()
        var configuration = Interpreter.Configuration(confirm: { action in
            asked.record("\(action.kind): \(action.summary) @\(action.range.start.line)")
            return true
        })
        configuration.connect(to: sim.client)
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "c.mops", text: "borrow 100 USDT\nrepay 40 USDT"))
        #expect(outcome.status == .ok)
        #expect(asked.all == ["borrow: borrow 100 USDT @1", "repay: repay 40 USDT @2"])
        #expect(sim.transport.mutations == ["POST /sapi/v1/margin/borrow-repay", "POST /sapi/v1/margin/borrow-repay"])
    }

    @Test("confirm: a refused request is not sent; the run stops with a runtime error naming it")
    func confirmRefuses() async throws {
        let sim = try SimulatorBackend()
        var configuration = Interpreter.Configuration(confirm: { action in action.kind != "repay" })
        configuration.connect(to: sim.client)
        let outcome = await Interpreter(configuration: configuration)
            .run(Source(name: "r.mops", text: "borrow 100 USDT\nrepay 40 USDT\nprint \"unreachable\""))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message == "refused: repay 40 USDT")
        #expect(outcome.runtimeError?.hint == "the request was not sent")
        #expect(outcome.runtimeError?.range?.start.line == 2)
        #expect(outcome.performed == ["borrow 100 USDT"])
        #expect(try await sim.debt("USDT") == Number(100))
        #expect(sim.transport.mutations.count == 1)
    }

    @Test("clock: now, wait and every go through the configured clock")
    func clock() async throws {
        let sim = try SimulatorBackend()
        let clock = SteppingClock()
        let configuration = Interpreter.Configuration(backend: .connected(to: sim.client, clock: clock))
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "t.mops", text: """
            let t0 = now
            wait 90s
            every 1m times 3 { }
            let elapsed = now - t0
            """))
        #expect(outcome.status == .ok)
        #expect(outcome.variables["elapsed"] == .number(Number(90_000 + 2 * 60_000)))
        #expect(clock.sleeps.all == [90_000, 60_000, 60_000])
    }

    @Test("stepLimit: a runaway loop stops with a clear error at the limit")
    func stepLimit() async {
        let interpreter = Interpreter(configuration: .init(stepLimit: 50))
        let outcome = await interpreter.run(Source(name: "loop.mops", text: "let i = 0\nwhile true {\n    i = i + 1\n}"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message == "step limit of 50 statements reached")
        #expect(outcome.steps == 51)
        let bounded = await interpreter.run(Source(name: "ok.mops", text: "let i = 0\nwhile i < 10 { i = i + 1 }"))
        #expect(bounded.status == .ok)
    }

    @Test("timeLimitMilliseconds: a run that takes longer stops with a time-limit error")
    func timeLimit() async {
        let interpreter = Interpreter(configuration: .init(timeLimitMilliseconds: 1))
        let outcome = await interpreter.run(Source(name: "slow.mops", text: "let i = 0\nwhile true {\n    i = i + 1\n}"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message.hasPrefix("time limit of ") == true)
        #expect(outcome.runtimeError?.message.hasSuffix(" reached") == true)
    }

    @Test("timeLimitMilliseconds: a real-time wait that would outlast the limit fails at once, naming both")
    func timeLimitWait() async {
        let interpreter = Interpreter(configuration: .init(timeLimitMilliseconds: 5_000))
        let outcome = await interpreter.run(Source(name: "wait.mops", text: "print \"start\"\nwait 1h"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message == "waiting 1h would pass the time limit of 5s")
        #expect(outcome.runtimeError?.range?.start.line == 2)
    }

    @Test("timeLimitMilliseconds: a host function that never returns is stopped when the budget runs out; what was sent is kept")
    func timeLimitBlockedHost() async throws {
        let sim = try SimulatorBackend()
        let hang = Builtin.host("hang", arity: 0, summary: "Never returns on its own.") { _ in
            try await Task.sleep(for: .seconds(86_400))
            return .none
        }
        let seen = Recorder<String>()
        var configuration = Interpreter.Configuration(diagnostics: { diagnostic, _ in seen.record(diagnostic.message) },
                                                      timeLimitMilliseconds: 50, hostFunctions: [hang])
        configuration.connect(to: sim.client)
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "hang.mops", text: "borrow 10 USDT\nhang()\nborrow 20 USDT"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message == "time limit of 50ms reached")
        #expect(outcome.runtimeError?.hint == "already sent: borrow 10 USDT")
        #expect(outcome.performed == ["borrow 10 USDT"])
        #expect(seen.all == ["time limit of 50ms reached"])
        #expect(sim.transport.mutations.count == 1)
    }

    @Test("timeLimitMilliseconds: cancelling the task within the budget is still reported as cancelled")
    func timeLimitThenCancel() async {
        let reached = Signal()
        let block = Builtin.host("block", arity: 0, summary: "Waits until cancelled.") { _ in
            reached.raise()
            try await Task.sleep(for: .seconds(86_400))
            return .none
        }
        let interpreter = Interpreter(configuration: .init(timeLimitMilliseconds: 3_600_000, hostFunctions: [block]))
        let task = Task { await interpreter.run(Source(name: "c.mops", text: "block()")) }
        await reached.wait()
        task.cancel()
        let outcome = await task.value
        #expect(outcome.status == .cancelled)
        #expect(outcome.diagnostics.first?.message == "cancelled; nothing was sent")
    }

    @Test("capabilities readOnly: queries run, a script with a mutation is refused before anything is sent")
    func readOnly() async throws {
        let sim = try SimulatorBackend()
        var configuration = Interpreter.Configuration().connected(to: sim.client)
        configuration.capabilities = .readOnly
        let interpreter = Interpreter(configuration: configuration)
        let query = await interpreter.run(Source(name: "q.mops", text: "let level = marginLevel\nlet cash = free(USDT)"))
        #expect(query.status == .ok)
        #expect(query.variables["cash"] == .number(Number(5000)))
        let mutation = await interpreter.run(Source(name: "m.mops", text: "print marginLevel\nborrow 100 USDT"))
        #expect(mutation.status == .compileError)
        #expect(mutation.compileErrors.count == 1)
        #expect(mutation.compileErrors.first?.message == "this interpreter is read-only: statements that change the account are refused")
        #expect(mutation.compileErrors.first?.range?.start.line == 2)
        #expect(sim.transport.mutations.isEmpty)
        #expect(try await sim.debt("USDT") == .zero)
    }

    @Test("capabilities without .wait or .simulate refuse those statements with a clear error")
    func waitAndSimulate() async throws {
        let sim = try SimulatorBackend()
        var configuration = Interpreter.Configuration().connected(to: sim.client)
        configuration.capabilities = [.read, .trade]
        let interpreter = Interpreter(configuration: configuration)
        let wait = await interpreter.run(Source(name: "w.mops", text: "wait 1s"))
        #expect(wait.runtimeError?.message == "waiting is not allowed in this interpreter")
        let simulate = await interpreter.run(Source(name: "s.mops", text: "sim price BTCUSDT 1"))
        #expect(simulate.runtimeError?.message == "'sim' statements are not allowed in this interpreter")
        #expect(sim.transport.mutations.isEmpty)
    }

    @Test("capabilities without .read refuse account values and market data, naming the capability")
    func readRefused() async throws {
        let sim = try SimulatorBackend()
        var configuration = Interpreter.Configuration().connected(to: sim.client)
        configuration.capabilities = [.wait]
        let interpreter = Interpreter(configuration: configuration)
        for text in ["print marginLevel", "print free(USDT)", "print price(BTCUSDT)"] {
            let outcome = await interpreter.run(Source(name: "r.mops", text: text))
            #expect(outcome.status == .runtimeError, "\(text)")
            #expect(outcome.runtimeError?.message == "reading the account is not allowed in this interpreter", "\(text)")
        }
        let pure = await interpreter.run(Source(name: "p.mops", text: "let x = 1 + 1"))
        #expect(pure.status == .ok)
        #expect(sim.transport.requests.all.isEmpty)
    }

    @Test("capabilities without .live: a live backend is refused before any request, even a read")
    func liveRefused() async throws {
        let live = try SimulatorBackend(posingAs: "https://api.binance.com")
        var configuration = Interpreter.Configuration().connected(to: live.client)
        configuration.capabilities = Interpreter.Capabilities.all.subtracting(.live)
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "l.mops", text: "print marginLevel"))
        #expect(outcome.status == .compileError)
        #expect(outcome.compileErrors.first?.message.hasPrefix("this interpreter may not use a live backend") == true)
        #expect(live.transport.requests.all.isEmpty)

        // The client's own base URL decides the kind: a host cannot label a live client a simulator.
        var mislabelled = configuration
        mislabelled.backend = .connected(to: live.client, name: "simulator (not really)")
        #expect(mislabelled.backend.isLive)
        let sneaky = await Interpreter(configuration: mislabelled).run(Source(name: "l.mops", text: "print marginLevel"))
        #expect(sneaky.status == .compileError)
        #expect(live.transport.requests.all.isEmpty)

        // .readOnly has no .live either: a read-only monitor can never reach Binance by mistake.
        var monitor = configuration
        monitor.capabilities = .readOnly
        let watched = await Interpreter(configuration: monitor).run(Source(name: "l.mops", text: "print marginLevel"))
        #expect(watched.compileErrors.first?.message.hasPrefix("this interpreter may not use a live backend") == true)
        #expect(live.transport.requests.all.isEmpty)

        // With .live (part of .all) the same script runs.
        configuration.capabilities = .all
        let allowed = await Interpreter(configuration: configuration).run(Source(name: "l.mops", text: "let m = marginLevel"))
        #expect(allowed.status == .ok)
        #expect(!live.transport.requests.all.isEmpty)
    }

    @Test("embedding fails closed: the default capabilities exclude .live, and without a confirm hook a live backend refuses every change")
    func liveFailsClosed() async throws {
        let live = try SimulatorBackend(posingAs: "https://api.binance.com")
        let script = Source(name: "f.mops", text: "let m = marginLevel\nborrow 1 USDT\nprint \"after\"")
        // Defaults: no .live, so nothing at all is sent.
        let byDefault = await Interpreter(configuration: Interpreter.Configuration().connected(to: live.client)).run(script)
        #expect(byDefault.status == .compileError)
        #expect(byDefault.compileErrors.first?.message.hasPrefix("this interpreter may not use a live backend") == true)
        #expect(live.transport.requests.all.isEmpty)

        // .live granted but no hook: the read runs, the borrow is refused before it is sent.
        var granted = Interpreter.Configuration(capabilities: .all).connected(to: live.client)
        let refused = await Interpreter(configuration: granted).run(script)
        #expect(refused.status == .runtimeError)
        #expect(refused.runtimeError?.message == "refused: borrow 1 USDT: this interpreter talks to a live backend (live Binance) and has no confirmation hook")
        #expect(refused.runtimeError?.hint?.hasPrefix("the request was not sent") == true)
        #expect(refused.performed.isEmpty && live.transport.mutations.isEmpty)
        #expect(!live.transport.requests.all.isEmpty)   // the read did go out

        // The same over a client named a simulator by the host: the client's base URL decides the kind.
        granted.backend = .connected(to: live.client, name: "simulator (not really)")
        let mislabelled = await Interpreter(configuration: granted).run(script)
        #expect(mislabelled.status == .runtimeError && live.transport.mutations.isEmpty)

        // With a hook, each change is asked for and sent when approved.
        let asked = Recorder<String>()
        granted.confirm = { action in asked.record(action.summary); return true }
        let approved = await Interpreter(configuration: granted).run(script)
        #expect(approved.status == .ok && approved.performed == ["borrow 1 USDT"])
        #expect(asked.all == ["borrow 1 USDT"] && live.transport.mutations == ["POST /sapi/v1/margin/borrow-repay"])

        // A simulator needs no hook: the default approves there.
        let sim = try SimulatorBackend()
        let simRun = await Interpreter(configuration: Interpreter.Configuration().connected(to: sim.client)).run(script)
        #expect(simRun.status == .ok && sim.transport.mutations == ["POST /sapi/v1/margin/borrow-repay"])
    }

    @Test("a custom transport that names neither a base URL nor a simulator is treated as live: refused without .live or a hook")
    func unknownTransportFailsClosed() async throws {
        let simulator = MarginSimulator(scenario: .default, clock: ManualClock())
        // A host's own wrapper (logging, metrics) around a transport it does not forward: it could be Binance.
        let opaque = OpaqueTransport(inner: InProcessTransport(simulator: simulator))
        let client = try MarginClient(configuration: .init(
            transport: opaque, credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
        #expect(client.isLive)
        let script = Source(name: "o.mops", text: "let m = marginLevel\nborrow 1 USDT")
        let byDefault = await Interpreter(configuration: Interpreter.Configuration().connected(to: client)).run(script)
        #expect(byDefault.status == .compileError)
        #expect(byDefault.compileErrors.first?.message.hasPrefix("this interpreter may not use a live backend") == true)
        #expect(opaque.requests.all.isEmpty)
        let granted = await Interpreter(configuration: Interpreter.Configuration(capabilities: .all).connected(to: client)).run(script)
        #expect(granted.status == .runtimeError && granted.performed.isEmpty)
        #expect(!opaque.requests.all.contains { $0.method != .get })
        // Simulator control is refused too, before anything is sent.
        let before = opaque.requests.all.count
        await #expect(throws: BinanceError.self) { try await client.simSetPrice(symbol: "BTCUSDT", price: 1) }
        #expect(opaque.requests.all.count == before)
        // The in-process transport, and wrappers that forward it, are simulators.
        let forwarded = RecordingTransport(inner: InProcessTransport(simulator: simulator), baseURL: nil)
        #expect(try MarginClient(configuration: .init(transport: forwarded)).isLive == false)
        #expect(try MarginClient(configuration: .init(transport: HeaderAddingTransport(base: forwarded, fields: []))).isLive == false)
        #expect(try MarginClient(configuration: .init(transport: HeaderAddingTransport(base: opaque, fields: []))).isLive)
    }

    @Test("actionNotes .projected: each mutation is followed by a note with the projected margin level")
    func dryRun() async throws {
        let sim = try SimulatorBackend()
        let lines = Recorder<String>()
        let configuration = Interpreter.Configuration(output: lineSink(lines), actionNotes: .projected).connected(to: sim.client)
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "d.mops", text: "borrow 1000 USDT"))
        #expect(outcome.status == .ok)
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.hasPrefix("note:   → borrow 1000 USDT; projected margin level ") == true)
        let plain = await Interpreter(configuration: .init(output: lineSink(lines)).connected(to: sim.client))
            .run(Source(name: "d.mops", text: "borrow 1 USDT"))
        #expect(plain.status == .ok)
        #expect(lines.all.count == 1)
    }
}

/// A wrapper that forwards requests but neither `baseURL` nor `isSimulator` (as a host's own transport might).
struct OpaqueTransport: Transport {
    let inner: any Transport
    let requests = Recorder<TransportRequest>()

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        requests.record(request)
        return try await inner.send(request)
    }
}
